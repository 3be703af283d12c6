package io.meshwarden.watcher;

import io.meshwarden.common.config.ConfigKey;
import io.meshwarden.common.config.ConfigParameter;
import io.meshwarden.common.config.ConfigType;
import io.meshwarden.common.config.ConfigValidator;
import java.time.Duration;
import java.util.List;

/** The watcher's own configuration keys, on top of the common and Kafka ones. */
public final class WatcherParameters {

  public static final ConfigParameter<String> NAMESPACE =
      ConfigParameter.withDefault(
          "watcher.namespace",
          ConfigType.STRING,
          "meshwarden",
          "Namespace the watcher runs in; its Lease lives there (set from the pod's namespace)");
  public static final ConfigParameter<String> IDENTITY =
      ConfigParameter.optional(
          "watcher.identity",
          ConfigType.STRING,
          "This replica's name in the election; defaults to POD_NAME, then HOSTNAME");
  public static final ConfigParameter<Duration> LEASE_DURATION =
      ConfigParameter.withDefault(
              "watcher.lease-duration",
              ConfigType.DURATION,
              Duration.ofSeconds(15),
              "Lease duration")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Duration> RENEW_DEADLINE =
      ConfigParameter.withDefault(
              "watcher.renew-deadline",
              ConfigType.DURATION,
              Duration.ofSeconds(10),
              "How long the leader keeps trying to renew before it steps down")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Duration> RETRY_PERIOD =
      ConfigParameter.withDefault(
              "watcher.retry-period",
              ConfigType.DURATION,
              Duration.ofSeconds(2),
              "How often candidates try to acquire, and the leader to renew, the Lease")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<List<String>> CONTROL_PLANE_NAMESPACES =
      ConfigParameter.withDefault(
          "watcher.control-plane-namespaces",
          ConfigType.STRING_LIST,
          List.of("istio-system"),
          "Namespaces whose injector and mesh ConfigMaps are read");
  public static final ConfigParameter<List<String>> INCLUDE_NAMESPACES =
      ConfigParameter.withDefault(
          "watcher.include-namespaces",
          ConfigType.STRING_LIST,
          List.of(),
          "Only publish objects of these namespaces (empty: all)");
  public static final ConfigParameter<List<String>> EXCLUDE_NAMESPACES =
      ConfigParameter.withDefault(
          "watcher.exclude-namespaces",
          ConfigType.STRING_LIST,
          List.of(),
          "Never publish objects of these namespaces");
  public static final ConfigParameter<List<String>> ANNOTATION_ALLOW_LIST =
      ConfigParameter.withDefault(
          "watcher.annotation-allow-list",
          ConfigType.STRING_LIST,
          List.of(),
          "Extra annotation keys to publish, matched exactly (labels are always published whole)");
  public static final ConfigParameter<Integer> PAGE_SIZE =
      ConfigParameter.withDefault(
              "watcher.list-page-size",
              ConfigType.INTEGER,
              500,
              "Objects per page when informers list (large clusters)")
          .validatedBy(ConfigValidator.range(1, 10_000));
  public static final ConfigParameter<Duration> RESYNC =
      ConfigParameter.withDefault(
              "watcher.resync-period",
              ConfigType.DURATION,
              Duration.ofMinutes(10),
              "Informer resync period")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Integer> BATCH_RECORDS =
      ConfigParameter.withDefault(
              "watcher.publish.max-batch",
              ConfigType.INTEGER,
              2000,
              "Most records in one transaction")
          .validatedBy(ConfigValidator.range(1, 100_000));
  public static final ConfigParameter<Duration> BATCH_WINDOW =
      ConfigParameter.withDefault(
              "watcher.publish.window",
              ConfigType.DURATION,
              Duration.ofMillis(50),
              "How long a transaction gathers changes before it commits")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Boolean> CREATE_TOPICS =
      ConfigParameter.withDefault(
          "watcher.create-topics",
          ConfigType.BOOLEAN,
          false,
          "Create missing topics at start (otherwise they must exist, e.g. as Strimzi KafkaTopics)");

  private WatcherParameters() {}

  public static List<ConfigKey> all() {
    return List.of(
        NAMESPACE,
        IDENTITY,
        LEASE_DURATION,
        RENEW_DEADLINE,
        RETRY_PERIOD,
        CONTROL_PLANE_NAMESPACES,
        INCLUDE_NAMESPACES,
        EXCLUDE_NAMESPACES,
        ANNOTATION_ALLOW_LIST,
        PAGE_SIZE,
        RESYNC,
        BATCH_RECORDS,
        BATCH_WINDOW,
        CREATE_TOPICS);
  }
}
