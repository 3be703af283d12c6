package io.meshwarden.common.topics;

import io.meshwarden.common.MeshwardenException;
import io.meshwarden.common.kafka.KafkaErrors;

/**
 * Kafka could not be asked about, or could not create, meshwarden's topics. The reason says whether
 * trying again later can help (a timeout) or not (not authorized to create topics).
 */
public final class TopicAdminException extends MeshwardenException {
  public TopicAdminException(String message, Throwable cause) {
    super(reasonOf(cause), message, cause);
  }

  private static Reason reasonOf(Throwable cause) {
    return KafkaErrors.classify(cause) == KafkaErrors.Kind.RETRIABLE
        ? Reason.KAFKA_RETRIABLE
        : Reason.KAFKA_FATAL;
  }
}
