package io.meshwarden.common.protocol;

/** The bytes are not a record of the expected family: bad JSON, missing fields, wrong family. */
public final class MalformedRecordException extends WireFormatException {

  public MalformedRecordException(String message) {
    super(message, null);
  }

  public MalformedRecordException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Reason reason() {
    return Reason.MALFORMED;
  }
}
