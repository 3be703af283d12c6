package io.meshwarden.watcher;

import io.meshwarden.common.config.CommonConfig;
import io.meshwarden.common.config.CommonParameters;
import io.meshwarden.common.config.Config;
import io.meshwarden.common.config.ConfigException;
import io.meshwarden.common.config.ConfigSchema;
import io.meshwarden.common.kafka.KafkaParameters;
import io.meshwarden.common.kafka.KafkaSettings;
import io.meshwarden.watcher.election.Leadership;
import io.meshwarden.watcher.publish.LeaderTerm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The watcher's whole configuration, immutable, built once at start from file, environment and
 * flags.
 */
public record WatcherConfig(
    String cluster,
    String topicPrefix,
    int httpPort,
    KafkaSettings kafka,
    Leadership.Settings election,
    Set<String> controlPlaneNamespaces,
    List<String> includeNamespaces,
    List<String> excludeNamespaces,
    Set<String> annotationAllowList,
    int pageSize,
    Duration resync,
    LeaderTerm.Batching batching,
    boolean createTopics) {

  /** Every key the watcher reads. */
  public static ConfigSchema schema() {
    return ConfigSchema.of(CommonParameters.all())
        .plus(KafkaParameters.all())
        .plus(WatcherParameters.all());
  }

  /** Builds the record from loaded configuration; {@code env} supplies POD_NAME/HOSTNAME. */
  public static WatcherConfig from(Config config, Map<String, String> env) {
    CommonConfig common = CommonConfig.from(config);
    String cluster = common.requireCluster();
    String identity =
        config
            .find(WatcherParameters.IDENTITY)
            .or(() -> java.util.Optional.ofNullable(env.get("POD_NAME")))
            .or(() -> java.util.Optional.ofNullable(env.get("HOSTNAME")))
            .orElse("watcher-" + ProcessHandle.current().pid());
    checkElectionTimings(
        config.get(WatcherParameters.LEASE_DURATION),
        config.get(WatcherParameters.RENEW_DEADLINE),
        config.get(WatcherParameters.RETRY_PERIOD));
    return new WatcherConfig(
        cluster,
        common.topicPrefix(),
        common.httpPort(),
        KafkaSettings.from(config),
        new Leadership.Settings(
            config.get(WatcherParameters.NAMESPACE),
            common.topicPrefix() + "-watcher-" + cluster,
            identity,
            config.get(WatcherParameters.LEASE_DURATION),
            config.get(WatcherParameters.RENEW_DEADLINE),
            config.get(WatcherParameters.RETRY_PERIOD)),
        Set.copyOf(config.get(WatcherParameters.CONTROL_PLANE_NAMESPACES)),
        config.get(WatcherParameters.INCLUDE_NAMESPACES),
        config.get(WatcherParameters.EXCLUDE_NAMESPACES),
        Set.copyOf(config.get(WatcherParameters.ANNOTATION_ALLOW_LIST)),
        config.get(WatcherParameters.PAGE_SIZE),
        config.get(WatcherParameters.RESYNC),
        new LeaderTerm.Batching(
            config.get(WatcherParameters.BATCH_RECORDS),
            config.get(WatcherParameters.BATCH_WINDOW),
            Duration.ofSeconds(1)),
        config.get(WatcherParameters.CREATE_TOPICS));
  }

  /**
   * The Lease timings must leave room for each other, as client-go requires: a leader gives up
   * (renew deadline) before others may take the Lease (lease duration), and tries to renew more
   * than once within the deadline (retry period times client-go's jitter factor 1.2). Otherwise two
   * replicas can lead at once, or the leader flaps on a single slow renewal.
   */
  static void checkElectionTimings(Duration lease, Duration renewDeadline, Duration retryPeriod) {
    List<String> problems = new ArrayList<>();
    if (lease.compareTo(renewDeadline) <= 0) {
      problems.add(
          "watcher.lease-duration ("
              + lease
              + ") must be longer than watcher.renew-deadline ("
              + renewDeadline
              + ")");
    }
    if (renewDeadline.toMillis() <= retryPeriod.toMillis() * 1.2) {
      problems.add(
          "watcher.renew-deadline ("
              + renewDeadline
              + ") must be longer than 1.2 x watcher.retry-period ("
              + retryPeriod
              + ")");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** Which namespaces' objects are published: the include list (if any) minus the exclude list. */
  public Predicate<String> namespaceFilter() {
    Set<String> include = Set.copyOf(includeNamespaces);
    Set<String> exclude = Set.copyOf(excludeNamespaces);
    return ns -> (include.isEmpty() || include.contains(ns)) && !exclude.contains(ns);
  }
}
