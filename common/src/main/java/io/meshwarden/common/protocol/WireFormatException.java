package io.meshwarden.common.protocol;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that cannot be read. It extends Kafka's {@link SerializationException} so a consumer
 * sees it wrapped in {@code RecordDeserializationException} (which names the partition and offset)
 * and Kafka Streams hands it to its deserialization exception handler; callers route it to a
 * dead-letter topic by {@link #reason()} instead of crash-looping on a poison record.
 */
public abstract sealed class WireFormatException extends SerializationException
    permits MalformedRecordException, UnsupportedSchemaException {

  /** Why a record could not be read; one label value of the dead-letter metric each. */
  public enum Reason {
    MALFORMED,
    UNSUPPORTED_SCHEMA
  }

  protected WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  public abstract Reason reason();
}
