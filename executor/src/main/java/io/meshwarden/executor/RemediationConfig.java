package io.meshwarden.executor;

import io.meshwarden.common.kafka.KafkaSettings;
import io.meshwarden.common.topics.TopicNames;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the remediation executor of one cluster.
 *
 * @param cluster the cluster this executor acts on (a DNS-1123 label)
 * @param topics topic names under the configured prefix
 * @param kafka brokers and security
 * @param groupId consumer group of the request topic; one active member per cluster
 * @param actor this instance's name (the pod name), written to every record
 * @param dryRun print what would be done; patch nothing, publish nothing
 * @param controlPlaneNamespace where istiod and the injector ConfigMaps live
 * @param pollTimeout longest wait for requests in one step
 * @param rolloutTimeout how long a restarted workload may take to settle before it failed
 * @param breakerThreshold failed remediations within {@code breakerWindow} that open the breaker
 * @param breakerResumeAfter close the breaker by itself after this long; null to wait for a human
 * @param campaignIdle forget a finished (not halted) campaign after this long without requests
 */
public record RemediationConfig(
    String cluster,
    TopicNames topics,
    KafkaSettings kafka,
    String groupId,
    String actor,
    boolean dryRun,
    String controlPlaneNamespace,
    Duration pollTimeout,
    Duration rolloutTimeout,
    int breakerThreshold,
    Duration breakerWindow,
    Duration breakerResumeAfter,
    Duration campaignIdle) {

  public RemediationConfig {
    TopicNames.requireClusterName(cluster);
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(kafka, "kafka");
    require(groupId != null && !groupId.isBlank(), "remediation.group-id must be set");
    require(actor != null && !actor.isBlank(), "remediation.actor must be set");
    require(positive(pollTimeout), "remediation.poll-timeout must be above zero");
    require(positive(rolloutTimeout), "remediation.rollout-timeout must be above zero");
    require(breakerThreshold >= 1, "remediation.breaker-threshold must be at least 1");
    require(positive(breakerWindow), "remediation.breaker-window must be above zero");
    require(
        breakerResumeAfter == null || positive(breakerResumeAfter),
        "remediation.breaker-resume-after must be above zero when set");
    require(positive(campaignIdle), "remediation.campaign-idle must be above zero");
  }

  /**
   * Defaults for {@code cluster}: group {@code meshwarden-remediation-<cluster>}, 10 min rollouts.
   */
  public static RemediationConfig defaults(String cluster, KafkaSettings kafka, String actor) {
    return new RemediationConfig(
        cluster,
        TopicNames.defaults(),
        kafka,
        "meshwarden-remediation-" + cluster,
        actor,
        false,
        "istio-system",
        Duration.ofSeconds(1),
        Duration.ofMinutes(10),
        3,
        Duration.ofHours(1),
        null,
        Duration.ofHours(1));
  }

  /** A copy with {@code dryRun} set. */
  public RemediationConfig withDryRun(boolean value) {
    return new RemediationConfig(
        cluster,
        topics,
        kafka,
        groupId,
        actor,
        value,
        controlPlaneNamespace,
        pollTimeout,
        rolloutTimeout,
        breakerThreshold,
        breakerWindow,
        breakerResumeAfter,
        campaignIdle);
  }

  /** A copy with another actor (instance) name. */
  public RemediationConfig withActor(String value) {
    return new RemediationConfig(
        cluster,
        topics,
        kafka,
        groupId,
        value,
        dryRun,
        controlPlaneNamespace,
        pollTimeout,
        rolloutTimeout,
        breakerThreshold,
        breakerWindow,
        breakerResumeAfter,
        campaignIdle);
  }

  /** A copy with the breaker's threshold, window and automatic resume. */
  public RemediationConfig withBreaker(int threshold, Duration window, Duration resumeAfter) {
    return new RemediationConfig(
        cluster,
        topics,
        kafka,
        groupId,
        actor,
        dryRun,
        controlPlaneNamespace,
        pollTimeout,
        rolloutTimeout,
        threshold,
        window,
        resumeAfter,
        campaignIdle);
  }

  /** A copy with another rollout timeout and poll timeout. */
  public RemediationConfig withTimeouts(Duration rollout, Duration poll) {
    return new RemediationConfig(
        cluster,
        topics,
        kafka,
        groupId,
        actor,
        dryRun,
        controlPlaneNamespace,
        poll,
        rollout,
        breakerThreshold,
        breakerWindow,
        breakerResumeAfter,
        campaignIdle);
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
