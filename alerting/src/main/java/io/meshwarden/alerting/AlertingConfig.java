package io.meshwarden.alerting;

import io.meshwarden.alerting.config.RoutingConfig;
import io.meshwarden.alerting.config.RoutingConfigReader;
import io.meshwarden.alerting.kafka.AlertingService;
import io.meshwarden.common.config.CommonConfig;
import io.meshwarden.common.config.CommonParameters;
import io.meshwarden.common.config.Config;
import io.meshwarden.common.config.ConfigSchema;
import io.meshwarden.common.kafka.KafkaParameters;
import io.meshwarden.common.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Map;

/**
 * The alerting role's whole configuration, immutable: the common and Kafka settings, its own keys,
 * and the validated routing file.
 */
public record AlertingConfig(
    String topicPrefix,
    int httpPort,
    KafkaSettings kafka,
    RoutingConfig routing,
    String groupId,
    String externalUrl,
    String runbookBaseUrl,
    AlertingService.Timing timing,
    Duration dlqDepthInterval,
    boolean createTopics,
    short replicationFactor) {

  /** Every key the role reads. */
  public static ConfigSchema schema() {
    return ConfigSchema.of(CommonParameters.all())
        .plus(KafkaParameters.all())
        .plus(AlertingParameters.all());
  }

  /** Builds the record; {@code env} resolves {@code env:NAME} secrets in the routing file. */
  public static AlertingConfig from(Config config, Map<String, String> env) {
    CommonConfig common = CommonConfig.from(config);
    RoutingConfig routing =
        new RoutingConfigReader(env).read(config.get(AlertingParameters.ROUTING_FILE));
    return new AlertingConfig(
        common.topicPrefix(),
        common.httpPort(),
        KafkaSettings.from(config),
        routing,
        config.get(AlertingParameters.GROUP_ID),
        config.get(AlertingParameters.EXTERNAL_URL),
        config.get(AlertingParameters.RUNBOOK_BASE_URL),
        new AlertingService.Timing(
            config.get(AlertingParameters.TICK),
            config.get(AlertingParameters.COMMIT_INTERVAL),
            config.get(AlertingParameters.REVOKE_TIMEOUT),
            config.get(AlertingParameters.NOTICE_MAX_AGE)),
        config.get(AlertingParameters.DLQ_DEPTH_INTERVAL),
        config.get(AlertingParameters.CREATE_TOPICS),
        config.get(AlertingParameters.REPLICATION_FACTOR).shortValue());
  }
}
