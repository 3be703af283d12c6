package io.meshwarden.alerting.delivery;

import io.meshwarden.common.http.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Delivery meters of one receiver, tagged {@code receiver} and {@code type} (bounded: receivers
 * come from the configuration): {@code meshwarden_alerting_notifications_sent_total}, {@code
 * _failed_total} (failed attempts), {@code _retried_total}, {@code _dead_lettered_total}, and
 * {@code meshwarden_alerting_delivery_latency_seconds} from a notification's creation to its
 * delivery.
 */
public final class DeliveryMetrics {

  private final Counter sent;
  private final Counter failed;
  private final Counter retried;
  private final Counter deadLettered;
  private final Timer latency;

  public DeliveryMetrics(MeterRegistry registry, String receiver, String type) {
    this.sent = counter(registry, "sent", "Notifications delivered", receiver, type);
    this.failed = counter(registry, "failed", "Delivery attempts that failed", receiver, type);
    this.retried =
        counter(registry, "retried", "Delivery attempts scheduled again", receiver, type);
    this.deadLettered =
        counter(
            registry,
            "dead_lettered",
            "Notifications sent to the dead-letter topic",
            receiver,
            type);
    this.latency =
        Timer.builder(Meters.name("alerting.delivery.latency"))
            .description("Time from a notification's creation to its delivery")
            .tags("receiver", receiver, "type", type)
            .publishPercentileHistogram()
            .register(registry);
  }

  void sent(Duration latency) {
    sent.increment();
    this.latency.record(latency.isNegative() ? Duration.ZERO : latency);
  }

  void failed() {
    failed.increment();
  }

  void retried() {
    retried.increment();
  }

  void deadLettered() {
    deadLettered.increment();
  }

  private static Counter counter(
      MeterRegistry registry, String what, String description, String receiver, String type) {
    return Counter.builder(Meters.name("alerting.notifications." + what))
        .description(description)
        .tags("receiver", receiver, "type", type)
        .register(registry);
  }
}
