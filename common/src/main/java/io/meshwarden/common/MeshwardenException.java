package io.meshwarden.common;

/**
 * Base of meshwarden's exceptions. Each carries a {@link Reason} that says what went wrong in terms
 * a caller can act on (retry, stop, report) and that maps to a status condition, a metric label or
 * a finding, as Strimzi's {@code TopicOperatorException} does. Modules extend it with their own
 * subclasses and reasons stay few and stable.
 */
public class MeshwardenException extends RuntimeException {

  /** What went wrong, with whether trying the same thing again later can succeed. */
  public enum Reason {
    /** The configuration is invalid; nothing works until an operator fixes it. */
    INVALID_CONFIGURATION(false),
    /** Kafka refused in a way that retrying cannot fix (fenced, not authorized, too old). */
    KAFKA_FATAL(false),
    /** Kafka failed transiently (timeout, leader change, rebalance); retry with backoff. */
    KAFKA_RETRIABLE(true),
    /** A bug or a state meshwarden does not expect. */
    INTERNAL(false);

    private final boolean retriable;

    Reason(boolean retriable) {
      this.retriable = retriable;
    }

    /** Whether the same operation may succeed when tried again later. */
    public boolean retriable() {
      return retriable;
    }
  }

  private final Reason reason;

  public MeshwardenException(Reason reason, String message) {
    this(reason, message, null);
  }

  public MeshwardenException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    if (reason == null) {
      throw new IllegalArgumentException("reason must not be null");
    }
    this.reason = reason;
  }

  /** Why this failed. */
  public Reason reason() {
    return reason;
  }

  /** Shorthand for {@code reason().retriable()}. */
  public boolean retriable() {
    return reason.retriable();
  }
}
