package io.meshwarden.sandbox;

import io.meshwarden.common.kafka.KafkaSettings;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.reconciler.Reconciler;
import io.meshwarden.reconciler.ReconcilerConfig;
import io.meshwarden.reconciler.lifecycle.LifecycleSettings;
import io.meshwarden.reconciler.remediation.RemediationConfig;
import io.meshwarden.reconciler.remediation.RemediationExecutor;
import io.meshwarden.reconciler.rules.RuleEngine;
import io.meshwarden.reconciler.stream.StreamSettings;
import io.meshwarden.testkit.sim.Scenario;
import io.meshwarden.testkit.sim.SimClock;
import io.meshwarden.testkit.sim.SimulatedCluster;
import io.meshwarden.watcher.Watcher;
import io.meshwarden.watcher.WatcherConfig;
import io.meshwarden.watcher.election.Leadership;
import io.meshwarden.watcher.publish.LeaderTerm;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One simulated cluster of the sandbox, seeded from its scenario file, with its watcher replicas
 * running exactly as in production: they reach the cluster only through its API server and Kafka
 * only through the bootstrap servers.
 */
final class SandboxCluster implements AutoCloseable {

  static final int WATCHER_REPLICAS = 2;
  static final int RECONCILER_INSTANCES = 2;

  /** How long a condition holds before its finding opens; short, so the demo moves. */
  static final Duration HOLD = Duration.ofSeconds(10);

  private final String name;
  private final SimulatedCluster cluster;
  private final List<Watcher> watchers = new ArrayList<>();
  private final List<SimpleMeterRegistry> registries = new ArrayList<>();
  private final List<Reconciler> reconcilers = new ArrayList<>();
  private final List<SimpleMeterRegistry> reconcilerMeters = new ArrayList<>();

  private final List<SeededDrift> drifts;
  private RemediationExecutor executor;

  private SandboxCluster(String name, SimulatedCluster cluster, List<SeededDrift> drifts) {
    this.name = name;
    this.cluster = cluster;
    this.drifts = drifts;
  }

  /** Starts the simulated cluster, applies its scenario and lets simulated time run. */
  static SandboxCluster start(String name) {
    SimulatedCluster cluster =
        SimulatedCluster.builder().clock(SimClock.manual()).listen("127.0.0.1", 0).start();
    try {
      Scenario.fromYaml(scenarioFile(name)).run(cluster);
      SandboxRemediation.prepare(cluster.client(), remediationSetup(name));
      cluster.runInBackground(Duration.ofMillis(500));
      return new SandboxCluster(name, cluster, SeededDrift.read(name, scenarioFile(name)));
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The cluster's scenario file; a cluster without one of its own gets prod-eu's. */
  private static InputStream scenarioFile(String name) {
    InputStream yaml =
        SandboxCluster.class.getResourceAsStream("/sandbox/scenarios/" + name + ".yaml");
    return yaml != null
        ? yaml
        : SandboxCluster.class.getResourceAsStream("/sandbox/scenarios/prod-eu.yaml");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> remediationSetup(String name) {
    try (InputStream in = scenarioFile(name)) {
      Map<String, Object> doc =
          new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readValue(in, Map.class);
      return (Map<String, Object>) doc.getOrDefault("remediation", Map.of());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the scenario of " + name, e);
    }
  }

  /** Starts the cluster's remediation executor (one active per cluster). */
  void startExecutor(String bootstrapServers, PrintStream out) {
    RemediationConfig config =
        RemediationConfig.defaults(
            name,
            KafkaSettings.plaintext(List.of(bootstrapServers.split(","))),
            name + "-executor");
    executor =
        RemediationExecutor.create(
            config, cluster.newClient(3), Clock.systemUTC(), new SimpleMeterRegistry(), out);
    executor.start();
  }

  List<SeededDrift> drifts() {
    return drifts;
  }

  /** Starts the watcher replicas; they elect a leader among themselves. */
  void startWatchers(String bootstrapServers, String topicPrefix) {
    for (int i = 0; i < WATCHER_REPLICAS; i++) {
      WatcherConfig config = watcherConfig(bootstrapServers, topicPrefix, name + "-watcher-" + i);
      // Each replica has its own meters, as each would be its own process in production.
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      registries.add(meters);
      watchers.add(new Watcher(config, cluster.newClient(3), meters, Clock.systemUTC()).start());
    }
  }

  /**
   * Starts the cluster's reconciler instances; they share its objects topic's partitions (the
   * shards) through Kafka Streams.
   */
  void startReconcilers(String bootstrapServers, TopicNames names, Path stateRoot) {
    for (int i = 0; i < RECONCILER_INSTANCES; i++) {
      StreamSettings streams =
          new StreamSettings(
              name,
              names,
              new LifecycleSettings(HOLD, Map.of(), Duration.ofHours(1)),
              Duration.ofMillis(500),
              Duration.ofMillis(500),
              Duration.ofMinutes(10));
      ReconcilerConfig config =
          new ReconcilerConfig(
              streams,
              0,
              KafkaSettings.plaintext(List.of(bootstrapServers.split(","))),
              1,
              0,
              stateRoot.resolve(name + "-reconciler-" + i),
              Duration.ofMillis(500),
              false);
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      reconcilerMeters.add(meters);
      reconcilers.add(
          new Reconciler(
                  config,
                  RuleEngine.standard(),
                  meters,
                  Clock.systemUTC(),
                  name + "-reconciler-" + i)
              .start());
    }
  }

  /** Findings open now, as the reconciler instances count them (each counts its own shards). */
  long openFindings() {
    return Math.round(
        reconcilerMeters.stream()
            .flatMap(r -> r.find("meshwarden.findings.open").gauges().stream())
            .mapToDouble(g -> g.value())
            .sum());
  }

  /** Reconciler instances whose Streams client is running. */
  long reconcilersRunning() {
    return reconcilers.stream().filter(Reconciler::running).count();
  }

  /** Fact records the cluster's watchers have committed to Kafka, over all their terms. */
  long published() {
    return Math.round(
        registries.stream()
            .flatMap(r -> r.find("meshwarden.watcher.records.published").counters().stream())
            .mapToDouble(Counter::count)
            .sum());
  }

  private WatcherConfig watcherConfig(String bootstrap, String prefix, String identity) {
    return new WatcherConfig(
        name,
        prefix,
        0,
        KafkaSettings.plaintext(List.of(bootstrap.split(","))),
        new Leadership.Settings(
            "meshwarden",
            prefix + "-watcher-" + name,
            identity,
            Duration.ofSeconds(15),
            Duration.ofSeconds(10),
            Duration.ofSeconds(2)),
        Set.of("istio-system"),
        List.of(),
        List.of("kube-system"),
        Set.of("team"),
        500,
        Duration.ofMinutes(10),
        new LeaderTerm.Batching(2000, Duration.ofMillis(50), Duration.ofSeconds(1)),
        false);
  }

  String name() {
    return name;
  }

  SimulatedCluster simulated() {
    return cluster;
  }

  /** The replica that leads and publishes, if one does yet. */
  String leader() {
    return watchers.stream()
        .filter(Watcher::publishing)
        .map(Watcher::identity)
        .findFirst()
        .orElse("(electing)");
  }

  List<Watcher> watchers() {
    return watchers;
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.close();
    }
    reconcilers.forEach(Reconciler::close);
    watchers.forEach(Watcher::close);
    cluster.close();
  }
}
