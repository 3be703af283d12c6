package io.meshwarden.alerting.kafka;

import io.meshwarden.common.http.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alerting's own meters besides delivery: {@code meshwarden_alerting_groups_open}, {@code
 * meshwarden_alerting_dlq_depth} (dead letters not yet replayed), {@code
 * meshwarden_alerting_findings_unreadable_total} and {@code
 * meshwarden_alerting_remediations_unreadable_total} (records sent to {@code <prefix>.dlq}).
 */
public final class AlertingMetrics {

  private final AtomicLong openGroups = new AtomicLong();
  private final AtomicLong dlqDepth = new AtomicLong();
  private final Counter unreadable;
  private final Counter unreadableRemediations;

  public AlertingMetrics(MeterRegistry registry) {
    Gauge.builder(Meters.name("alerting.groups.open"), openGroups, AtomicLong::get)
        .description("Alert groups held, across receivers")
        .register(registry);
    Gauge.builder(Meters.name("alerting.dlq.depth"), dlqDepth, AtomicLong::get)
        .description("Dead-lettered notifications not yet replayed")
        .register(registry);
    unreadable =
        Counter.builder(Meters.name("alerting.findings.unreadable"))
            .description("Finding records that could not be decoded and were dead-lettered")
            .register(registry);
    unreadableRemediations =
        Counter.builder(Meters.name("alerting.remediations.unreadable"))
            .description("Remediation records that could not be decoded and were dead-lettered")
            .register(registry);
  }

  void openGroups(int n) {
    openGroups.set(n);
  }

  /** Sets the dead-letter depth. */
  public void dlqDepth(long n) {
    dlqDepth.set(n);
  }

  void unreadable(Input input) {
    (input == Input.FINDINGS ? unreadable : unreadableRemediations).increment();
  }
}
