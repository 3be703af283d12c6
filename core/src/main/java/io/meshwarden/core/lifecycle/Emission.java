package io.meshwarden.core.lifecycle;

import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.RemediationRequest;
import java.time.Instant;

/** Something the lifecycle publishes. The stream edge turns each into a Kafka record. */
public sealed interface Emission {

  /**
   * A finding event on the findings topic.
   *
   * @param type the CloudEvents type ({@code io.meshwarden.finding.opened} and so on)
   * @param observedAt when the fact change behind it was observed, or null
   */
  record FindingEvent(String type, Finding finding, Instant observedAt) implements Emission {}

  /** A null value for a fingerprint: the resolved finding's retention ended. */
  record Tombstone(String fingerprint) implements Emission {}

  /** A remediation request for the executor. */
  record Request(RemediationRequest request) implements Emission {}
}
