package io.meshwarden.common.protocol;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer, deserializer and serde for one wire record family. Tombstones (null) pass
 * through both ways. Deserialization failures are {@link WireFormatException}s: route them to a
 * dead-letter topic by their reason.
 */
public final class WireSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

  private final Class<T> type;
  private final String schema;

  private WireSerde(Class<T> type, String schema) {
    this.type = type;
    this.schema = schema;
  }

  public static WireSerde<ObjectFacts> facts() {
    return new WireSerde<>(ObjectFacts.class, Schemas.FACTS);
  }

  public static WireSerde<Finding> findings() {
    return new WireSerde<>(Finding.class, Schemas.FINDING);
  }

  public static WireSerde<RemediationRequest> remediationRequests() {
    return new WireSerde<>(RemediationRequest.class, Schemas.REMEDIATION_REQUEST);
  }

  public static WireSerde<RemediationRecord> remediationRecords() {
    return new WireSerde<>(RemediationRecord.class, Schemas.REMEDIATION_RECORD);
  }

  public static WireSerde<NamespaceDigest> digests() {
    return new WireSerde<>(NamespaceDigest.class, Schemas.DIGEST);
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return WireCodec.encode(data);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return WireCodec.decode(data, type, schema);
  }

  /**
   * Decodes without throwing: the caller gets the record or the reason it is unreadable.
   *
   * @param data the record value; null is a tombstone
   */
  public Decoded<T> tryDecode(byte[] data) {
    try {
      return new Decoded.Ok<>(WireCodec.decode(data, type, schema));
    } catch (WireFormatException e) {
      return new Decoded.Failed<>(e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {
    // Nothing to configure: the record family is fixed at construction.
  }

  @Override
  public void close() {
    // Nothing to release.
  }

  /** The result of {@link #tryDecode(byte[])}. */
  public sealed interface Decoded<T> {
    /** A readable record; {@code value} is null for a tombstone. */
    record Ok<T>(T value) implements Decoded<T> {}

    /** An unreadable record and why. */
    record Failed<T>(WireFormatException error) implements Decoded<T> {}
  }
}
