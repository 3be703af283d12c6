package io.meshwarden.reconciler;

import io.meshwarden.common.config.ConfigKey;
import io.meshwarden.common.config.ConfigParameter;
import io.meshwarden.common.config.ConfigType;
import io.meshwarden.common.config.ConfigValidator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The reconciler's own configuration keys, on top of the common and Kafka ones. */
public final class ReconcilerParameters {

  public static final ConfigParameter<Duration> HOLD_FOR =
      ConfigParameter.withDefault(
          "reconciler.findings.for",
          ConfigType.DURATION,
          Duration.ofSeconds(30),
          "How long a condition must hold before its finding opens (like a Prometheus alert's for)");
  public static final ConfigParameter<List<String>> HOLD_OVERRIDES =
      ConfigParameter.withDefault(
              "reconciler.findings.for-overrides",
              ConfigType.STRING_LIST,
              List.of(),
              "Per-rule holds as CODE=duration, e.g. MW0005=2m,MW0013=0s")
          .validatedBy(HoldOverrides::check);
  public static final ConfigParameter<Duration> RETENTION =
      ConfigParameter.withDefault(
              "reconciler.findings.resolved-retention",
              ConfigType.DURATION,
              Duration.ofHours(1),
              "How long a resolved finding stays before it is tombstoned on the findings topic")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Duration> DEBOUNCE =
      ConfigParameter.withDefault(
          "reconciler.debounce",
          ConfigType.DURATION,
          Duration.ofMillis(500),
          "How long a changed namespace waits for further changes before it is evaluated");
  public static final ConfigParameter<Duration> TICK =
      ConfigParameter.withDefault(
              "reconciler.tick",
              ConfigType.DURATION,
              Duration.ofMillis(250),
              "How often each shard checks debounced namespaces, holds, retention and mesh changes")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Duration> RESYNC =
      ConfigParameter.withDefault(
              "reconciler.resync-period",
              ConfigType.DURATION,
              Duration.ofMinutes(10),
              "How often each shard re-evaluates every namespace it holds, changed or not")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Integer> THREADS =
      ConfigParameter.withDefault(
              "reconciler.stream-threads",
              ConfigType.INTEGER,
              1,
              "Kafka Streams threads of this instance")
          .validatedBy(ConfigValidator.range(1, 64));
  public static final ConfigParameter<Integer> STANDBYS =
      ConfigParameter.withDefault(
              "reconciler.standby-replicas",
              ConfigType.INTEGER,
              1,
              "Warm copies of each shard's stores on other instances, for fast failover")
          .validatedBy(ConfigValidator.range(0, 5));
  public static final ConfigParameter<Path> STATE_DIR =
      ConfigParameter.withDefault(
          "reconciler.state-dir",
          ConfigType.PATH,
          Path.of("/var/lib/meshwarden/reconciler"),
          "Directory of the local state stores (an emptyDir or a persistent volume)");
  public static final ConfigParameter<Duration> COMMIT_INTERVAL =
      ConfigParameter.withDefault(
              "reconciler.commit-interval",
              ConfigType.DURATION,
              Duration.ofMillis(100),
              "How often transactions commit: findings become visible at most this much later")
          .validatedBy(ConfigValidator.positiveDuration());
  public static final ConfigParameter<Boolean> CREATE_TOPICS =
      ConfigParameter.withDefault(
          "reconciler.create-topics",
          ConfigType.BOOLEAN,
          false,
          "Create missing topics at start (otherwise they must exist, e.g. as Strimzi KafkaTopics)");

  private ReconcilerParameters() {}

  public static List<ConfigKey> all() {
    return List.of(
        HOLD_FOR,
        HOLD_OVERRIDES,
        RETENTION,
        DEBOUNCE,
        TICK,
        RESYNC,
        THREADS,
        STANDBYS,
        STATE_DIR,
        COMMIT_INTERVAL,
        CREATE_TOPICS);
  }
}
