package io.meshwarden.common.projection;

/**
 * Thrown inside the projection when a field has the wrong type or a required one is missing; {@link
 * FactProjector} turns it into {@link Projection.Invalid}. It carries no stack trace: it is an
 * expected outcome, not a bug, and must stay cheap.
 */
final class InvalidField extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String reason;

  InvalidField(String field, String reason) {
    super(field + ": " + reason, null, false, false);
    this.field = field;
    this.reason = reason;
  }

  String field() {
    return field;
  }

  String reason() {
    return reason;
  }

  /** The same problem seen from the parent: {@code prefix.field}. */
  InvalidField under(String prefix) {
    return new InvalidField(field.isEmpty() ? prefix : prefix + "." + field, reason);
  }
}
