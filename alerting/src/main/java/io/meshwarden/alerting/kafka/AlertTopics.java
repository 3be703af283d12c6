package io.meshwarden.alerting.kafka;

import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.common.topics.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The topics alerting reads and writes. Besides the shared ones it owns {@code
 * <prefix>.alerts.state}: compacted, keyed {@code <receiver>/<route>/<fingerprint>}, what each
 * receiver was told.
 */
public record AlertTopics(TopicNames names) {

  /** The findings topic. */
  public String findings() {
    return names.findings();
  }

  /** The remediation records, read for action notices. */
  public String remediations() {
    return names.remediations();
  }

  /** The dead-letter topic of notifications. */
  public String deadLetters() {
    return names.alertsDeadLetter();
  }

  /** The ledger of what was sent. */
  public String state() {
    return names.prefix() + ".alerts.state";
  }

  /** Specs for the topics alerting writes, to create when allowed. */
  public List<TopicSpec> owned(short replicationFactor) {
    String isr = Integer.toString(Math.min(2, replicationFactor));
    return List.of(
        new TopicSpec(
            state(),
            3,
            replicationFactor,
            Map.of(
                "cleanup.policy",
                "compact",
                "min.insync.replicas",
                isr,
                "delete.retention.ms",
                Long.toString(Duration.ofDays(1).toMillis()),
                "segment.ms",
                Long.toString(Duration.ofHours(1).toMillis()))),
        new TopicSpec(
            deadLetters(),
            1,
            replicationFactor,
            Map.of(
                "cleanup.policy",
                "delete",
                "min.insync.replicas",
                isr,
                "retention.ms",
                Long.toString(Duration.ofDays(30).toMillis()))));
  }
}
