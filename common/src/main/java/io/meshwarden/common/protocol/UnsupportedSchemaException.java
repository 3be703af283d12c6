package io.meshwarden.common.protocol;

/** The record was written with a newer major schema version than this reader understands. */
public final class UnsupportedSchemaException extends WireFormatException {

  private final String supported;
  private final String actual;

  public UnsupportedSchemaException(String supported, String actual) {
    super(
        "record schema '"
            + Schemas.shorten(actual)
            + "' has a major version this reader does not support (reads "
            + supported
            + ")",
        null);
    this.supported = supported;
    this.actual = actual;
  }

  public String supported() {
    return supported;
  }

  public String actual() {
    return actual;
  }

  @Override
  public Reason reason() {
    return Reason.UNSUPPORTED_SCHEMA;
  }
}
