package io.meshwarden.reconciler;

import io.meshwarden.common.config.CommonConfig;
import io.meshwarden.common.config.CommonParameters;
import io.meshwarden.common.config.Config;
import io.meshwarden.common.config.ConfigSchema;
import io.meshwarden.common.kafka.KafkaParameters;
import io.meshwarden.common.kafka.KafkaSettings;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.core.lifecycle.LifecycleSettings;
import io.meshwarden.reconciler.stream.StreamSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The reconciler's whole configuration, immutable, built once at start from file, environment and
 * flags.
 *
 * @param streams what the topology needs (cluster, topics, lifecycle, debounce, tick, resync)
 * @param threads Kafka Streams threads
 * @param standbys standby replicas of each shard's stores
 * @param stateDir where the local stores live
 * @param commitInterval how often transactions commit
 */
public record ReconcilerConfig(
    StreamSettings streams,
    int httpPort,
    KafkaSettings kafka,
    int threads,
    int standbys,
    Path stateDir,
    Duration commitInterval,
    boolean createTopics) {

  /** Every key the reconciler reads. */
  public static ConfigSchema schema() {
    return ConfigSchema.of(CommonParameters.all())
        .plus(KafkaParameters.all())
        .plus(ReconcilerParameters.all());
  }

  /** Builds the record from loaded configuration. */
  public static ReconcilerConfig from(Config config) {
    CommonConfig common = CommonConfig.from(config);
    LifecycleSettings lifecycle =
        new LifecycleSettings(
            config.get(ReconcilerParameters.HOLD_FOR),
            HoldOverrides.parse(config.get(ReconcilerParameters.HOLD_OVERRIDES)),
            config.get(ReconcilerParameters.RETENTION));
    StreamSettings streams =
        new StreamSettings(
            common.requireCluster(),
            new TopicNames(common.topicPrefix()),
            lifecycle,
            config.get(ReconcilerParameters.DEBOUNCE),
            config.get(ReconcilerParameters.TICK),
            config.get(ReconcilerParameters.RESYNC));
    return new ReconcilerConfig(
        streams,
        common.httpPort(),
        KafkaSettings.from(config),
        config.get(ReconcilerParameters.THREADS),
        config.get(ReconcilerParameters.STANDBYS),
        config.get(ReconcilerParameters.STATE_DIR),
        config.get(ReconcilerParameters.COMMIT_INTERVAL),
        config.get(ReconcilerParameters.CREATE_TOPICS));
  }

  /** {@code <prefix>-reconciler-<cluster>}: the Streams application (and consumer group) id. */
  public String applicationId() {
    return streams.names().prefix() + "-reconciler-" + streams.cluster();
  }
}
