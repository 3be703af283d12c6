package io.meshwarden.common.topics;

/** Kafka could not be asked about, or could not create, meshwarden's topics. */
public final class TopicAdminException extends RuntimeException {
  public TopicAdminException(String message, Throwable cause) {
    super(message, cause);
  }
}
