package io.meshwarden.executor;

import io.meshwarden.common.config.CommonConfig;
import io.meshwarden.common.config.Config;
import io.meshwarden.common.config.ConfigException;
import io.meshwarden.common.config.ConfigKey;
import io.meshwarden.common.config.ConfigParameter;
import io.meshwarden.common.config.ConfigType;
import io.meshwarden.common.config.ConfigValidator;
import io.meshwarden.common.kafka.KafkaSettings;
import io.meshwarden.common.topics.TopicNames;
import java.time.Duration;
import java.util.List;

/**
 * The remediation executor's configuration keys ({@code remediation.*}), read by the executor role,
 * and how they become a {@link RemediationConfig}. See docs/remediation.md.
 */
public final class RemediationParameters {

  public static final ConfigParameter<Boolean> DRY_RUN =
      ConfigParameter.withDefault(
          "remediation.dry-run",
          ConfigType.BOOLEAN,
          false,
          "Decide as usual but patch and publish nothing; print one line per decision (also"
              + " --dry-run)");
  public static final ConfigParameter<String> GROUP_ID =
      ConfigParameter.optional(
          "remediation.group-id",
          ConfigType.STRING,
          "Consumer group of the request topic; one active executor per group. Unset:"
              + " meshwarden-remediation-<cluster>, or meshwarden-remediation-<cluster>-dry-run"
              + " in dry-run so it never takes requests from the live executor");
  public static final ConfigParameter<String> CONTROL_PLANE_NAMESPACE =
      ConfigParameter.withDefault(
              "remediation.control-plane-namespace",
              ConfigType.STRING,
              "istio-system",
              "Namespace of istiod and the injector ConfigMaps")
          .validatedBy(ConfigValidator.dns1123Label());
  public static final ConfigParameter<Duration> POLL_TIMEOUT =
      ConfigParameter.withDefault(
              "remediation.poll-timeout",
              ConfigType.DURATION,
              Duration.ofSeconds(1),
              "Longest wait for new requests in one executor step")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Duration> ROLLOUT_TIMEOUT =
      ConfigParameter.withDefault(
              "remediation.rollout-timeout",
              ConfigType.DURATION,
              Duration.ofMinutes(10),
              "How long a restarted workload may take to settle before the remediation failed")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Integer> BREAKER_THRESHOLD =
      ConfigParameter.withDefault(
              "remediation.breaker-threshold",
              ConfigType.INTEGER,
              3,
              "Failed remediations within remediation.breaker-window that open the circuit breaker")
          .validatedBy(ConfigValidator.range(1, 1000));
  public static final ConfigParameter<Duration> BREAKER_WINDOW =
      ConfigParameter.withDefault(
              "remediation.breaker-window",
              ConfigType.DURATION,
              Duration.ofHours(1),
              "Window in which failures count toward the circuit breaker")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Duration> BREAKER_RESUME_AFTER =
      ConfigParameter.optional(
              "remediation.breaker-resume-after",
              ConfigType.DURATION,
              "Close an open circuit breaker by itself after this long. Unset: wait for the"
                  + " meshwarden.io/resume-remediation annotation on a policy")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Duration> CAMPAIGN_IDLE =
      ConfigParameter.withDefault(
              "remediation.campaign-idle",
              ConfigType.DURATION,
              Duration.ofHours(1),
              "Forget a finished (not halted) canary campaign after this long without requests")
          .validatedBy(ConfigValidator.positiveDuration());

  private RemediationParameters() {}

  /** Every {@code remediation.*} key. */
  public static List<ConfigKey> all() {
    return List.of(
        DRY_RUN,
        GROUP_ID,
        CONTROL_PLANE_NAMESPACE,
        POLL_TIMEOUT,
        ROLLOUT_TIMEOUT,
        BREAKER_THRESHOLD,
        BREAKER_WINDOW,
        BREAKER_RESUME_AFTER,
        CAMPAIGN_IDLE);
  }

  /**
   * The executor's settings from loaded configuration.
   *
   * @param actor this instance's name (the pod name), written to every record
   * @throws ConfigException when the values do not make a valid executor configuration
   */
  public static RemediationConfig from(Config config, String actor) {
    CommonConfig common = CommonConfig.from(config);
    String cluster = common.requireCluster();
    try {
      return new RemediationConfig(
          cluster,
          new TopicNames(common.topicPrefix()),
          KafkaSettings.from(config),
          config
              .find(GROUP_ID)
              .orElse(
                  "meshwarden-remediation-" + cluster + (config.get(DRY_RUN) ? "-dry-run" : "")),
          actor,
          config.get(DRY_RUN),
          config.get(CONTROL_PLANE_NAMESPACE),
          config.get(POLL_TIMEOUT),
          config.get(ROLLOUT_TIMEOUT),
          config.get(BREAKER_THRESHOLD),
          config.get(BREAKER_WINDOW),
          config.find(BREAKER_RESUME_AFTER).orElse(null),
          config.get(CAMPAIGN_IDLE));
    } catch (IllegalArgumentException e) {
      // The record's own checks name the remediation.* key they concern.
      throw new ConfigException(e.getMessage(), e);
    }
  }
}
