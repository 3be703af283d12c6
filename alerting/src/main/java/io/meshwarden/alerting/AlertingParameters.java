package io.meshwarden.alerting;

import io.meshwarden.common.config.ConfigKey;
import io.meshwarden.common.config.ConfigParameter;
import io.meshwarden.common.config.ConfigType;
import io.meshwarden.common.config.ConfigValidator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The alerting role's own configuration keys, on top of the common and Kafka ones. */
public final class AlertingParameters {

  public static final ConfigParameter<Path> ROUTING_FILE =
      ConfigParameter.required(
          "alerting.routing-file",
          ConfigType.PATH,
          "YAML file with receivers and the route tree (see docs/alerting.md)");
  public static final ConfigParameter<String> GROUP_ID =
      ConfigParameter.withDefault(
          "alerting.group-id",
          ConfigType.STRING,
          "meshwarden-alerting",
          "Kafka consumer group of the alerting instances");
  public static final ConfigParameter<String> EXTERNAL_URL =
      ConfigParameter.withDefault(
          "alerting.external-url",
          ConfigType.STRING,
          "https://meshwarden.io",
          "Base URL shown to receivers (webhook externalURL; generatorURL is <this>/findings#<fp>)");
  public static final ConfigParameter<String> RUNBOOK_BASE_URL =
      ConfigParameter.withDefault(
          "alerting.runbook-base-url",
          ConfigType.STRING,
          "https://meshwarden.io/docs/rules/",
          "runbook_url of an alert is this plus the rule code in lower case");
  public static final ConfigParameter<Duration> TICK =
      ConfigParameter.withDefault(
              "alerting.tick",
              ConfigType.DURATION,
              Duration.ofMillis(500),
              "How often groups are checked for due notifications (and the consumer's poll timeout)")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Duration> COMMIT_INTERVAL =
      ConfigParameter.withDefault(
              "alerting.commit-interval",
              ConfigType.DURATION,
              Duration.ofSeconds(1),
              "How often delivered offsets are committed")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Duration> REVOKE_TIMEOUT =
      ConfigParameter.withDefault(
              "alerting.revoke-timeout",
              ConfigType.DURATION,
              Duration.ofSeconds(20),
              "How long a rebalance waits for notifications in flight before letting partitions go")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Duration> NOTICE_MAX_AGE =
      ConfigParameter.withDefault(
              "alerting.notice-max-age",
              ConfigType.DURATION,
              Duration.ofHours(1),
              "Remediation records older than this are passed over without an action notice")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Duration> DLQ_DEPTH_INTERVAL =
      ConfigParameter.withDefault(
              "alerting.dlq-depth-interval",
              ConfigType.DURATION,
              Duration.ofSeconds(30),
              "How often the dead-letter depth metric is refreshed")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Boolean> CREATE_TOPICS =
      ConfigParameter.withDefault(
          "alerting.create-topics",
          ConfigType.BOOLEAN,
          false,
          "Create the state and dead-letter topics at start if missing");
  public static final ConfigParameter<Integer> REPLICATION_FACTOR =
      ConfigParameter.withDefault(
          "alerting.replication-factor",
          ConfigType.INTEGER,
          3,
          "Replication factor of topics alerting creates");

  private AlertingParameters() {}

  public static List<ConfigKey> all() {
    return List.of(
        ROUTING_FILE,
        GROUP_ID,
        EXTERNAL_URL,
        RUNBOOK_BASE_URL,
        TICK,
        COMMIT_INTERVAL,
        REVOKE_TIMEOUT,
        NOTICE_MAX_AGE,
        DLQ_DEPTH_INTERVAL,
        CREATE_TOPICS,
        REPLICATION_FACTOR);
  }
}
