package io.meshwarden.alerting.delivery;

import io.meshwarden.alerting.grouping.Notification;
import java.time.Instant;

/**
 * A notification one receiver target could not take, as written to {@code <prefix>.alerts.dlq}
 * (keyed {@code <receiver>/<group hash>}). It holds the notification, not the rendered request, so
 * no credential (webhook URL, routing key) lands in Kafka and a replay renders with the receiver's
 * current configuration.
 *
 * @param target index of the receiver's target (an Alertmanager URL)
 * @param error the last error, without secrets
 * @param attempts how many attempts were made
 */
public record DeadLetter(
    String schema,
    String receiver,
    int target,
    Notification notification,
    String error,
    int attempts,
    Instant firstAttemptAt,
    Instant deadLetteredAt) {

  /** The schema id of dead-letter records. */
  public static final String SCHEMA = "meshwarden.io/alert-dead-letter/v1";

  /** The Kafka key. */
  public String key() {
    return receiver + "/" + notification.groupHash();
  }
}
