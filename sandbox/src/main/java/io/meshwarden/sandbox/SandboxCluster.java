package io.meshwarden.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwarden.common.kafka.KafkaSettings;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.core.lifecycle.LifecycleSettings;
import io.meshwarden.core.rules.RuleEngine;
import io.meshwarden.executor.RemediationConfig;
import io.meshwarden.executor.RemediationExecutor;
import io.meshwarden.reconciler.Reconciler;
import io.meshwarden.reconciler.ReconcilerConfig;
import io.meshwarden.reconciler.stream.StreamSettings;
import io.meshwarden.testkit.sim.Scenario;
import io.meshwarden.testkit.sim.SimClock;
import io.meshwarden.testkit.sim.SimulatedCluster;
import io.meshwarden.watcher.Watcher;
import io.meshwarden.watcher.WatcherConfig;
import io.meshwarden.watcher.election.Leadership;
import io.meshwarden.watcher.informers.ObjectProjector;
import io.meshwarden.watcher.publish.LeaderTerm;
import io.meshwarden.watcher.verify.ClusterSnapshot;
import io.meshwarden.watcher.verify.StateComparison;
import io.meshwarden.watcher.verify.TopicTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

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
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private final List<Reconciler> reconcilers = new CopyOnWriteArrayList<>();
  private final List<MeterRegistry> reconcilerMeters = new CopyOnWriteArrayList<>();
  private final List<String> reconcilerInstances = new CopyOnWriteArrayList<>();

  private final List<SeededDrift> drifts;
  private final Map<String, Object> remediation;
  private RemediationExecutor executor;
  private int generation;

  private final RoleEndpoints endpoints;

  private SandboxCluster(
      String name,
      SimulatedCluster cluster,
      List<SeededDrift> drifts,
      Map<String, Object> remediation,
      RoleEndpoints endpoints) {
    this.name = name;
    this.endpoints = endpoints;
    this.cluster = cluster;
    this.drifts = drifts;
    this.remediation = remediation;
  }

  /** Starts the simulated cluster, applies its built-in scenario and lets simulated time run. */
  static SandboxCluster start(String name, RoleEndpoints endpoints) {
    return start(name, 0, 0, null, endpoints);
  }

  /**
   * Starts the cluster with {@code namespaces} extra injected namespaces holding {@code pods} pods
   * of healthy Deployments between them, on top of its scenario: {@code scenarioDir/<name>.yaml}
   * where that exists ({@code --scenario DIR}), else the built-in one.
   */
  static SandboxCluster start(
      String name, int namespaces, int pods, Path scenarioDir, RoleEndpoints endpoints) {
    SimulatedCluster cluster =
        SimulatedCluster.builder().clock(SimClock.manual()).listen("127.0.0.1", 0).start();
    try {
      Scenario.fromYaml(scenarioFile(name, scenarioDir)).run(cluster);
      load(namespaces, pods).run(cluster);
      Map<String, Object> remediation = remediationSetup(name, scenarioDir);
      SandboxRemediation.prepare(cluster.client(), remediation);
      cluster.runInBackground(Duration.ofMillis(500));
      return new SandboxCluster(
          name,
          cluster,
          SeededDrift.read(name, scenarioFile(name, scenarioDir)),
          remediation,
          endpoints);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The cluster's scenario file; a cluster without one of its own gets prod-eu's. */
  private static InputStream scenarioFile(String name, Path scenarioDir) {
    if (scenarioDir != null) {
      Path file = scenarioDir.resolve(name + ".yaml");
      if (java.nio.file.Files.isRegularFile(file)) {
        try {
          return java.nio.file.Files.newInputStream(file);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("cannot read scenario " + file, e);
        }
      }
    }
    InputStream yaml =
        SandboxCluster.class.getResourceAsStream("/sandbox/scenarios/" + name + ".yaml");
    return yaml != null
        ? yaml
        : SandboxCluster.class.getResourceAsStream("/sandbox/scenarios/prod-eu.yaml");
  }

  /** Healthy injected workloads: load for the pipeline, never drift. */
  private static Scenario load(int namespaces, int pods) {
    Scenario load = Scenario.named("load");
    for (int n = 0; n < namespaces; n++) {
      String ns = "team-" + n;
      load.namespace(ns, Map.of("istio-injection", "enabled"));
      int here = pods / namespaces + (n < pods % namespaces ? 1 : 0);
      for (int d = 0; here > 0; d++) {
        int replicas = Math.min(here, 5);
        load.deployment(ns, "svc-" + d, replicas, Map.of(), Map.of());
        here -= replicas;
      }
    }
    return namespaces == 0 ? load : load.advance(Duration.ofSeconds(10));
  }

  /**
   * Kills the leading watcher abruptly (its Lease is neither renewed nor released) and closes one
   * reconciler instance, then starts a replacement for each: the chaos of {@code --chaos}.
   */
  synchronized String chaos(String bootstrapServers, String topicPrefix, Path stateRoot) {
    StringBuilder did = new StringBuilder();
    watchers.stream()
        .filter(Watcher::publishing)
        .findFirst()
        .ifPresent(
            leader -> {
              leader.crash();
              watchers.remove(leader);
              did.append("killed watcher ").append(leader.identity());
            });
    int index = generation++;
    String id = name + "-watcher-r" + index;
    MeterRegistry meters = endpoints.registry(id);
    registries.add(meters);
    watchers.add(
        new Watcher(
                watcherConfig(bootstrapServers, topicPrefix, id),
                cluster.newClient(3),
                meters,
                Clock.systemUTC())
            .start());
    if (!reconcilers.isEmpty()) {
      Reconciler victim = reconcilers.remove(0);
      reconcilerMeters.remove(0);
      reconcilerInstances.remove(0);
      victim.close();
      did.append(did.length() == 0 ? "" : ", ").append("stopped a reconciler instance");
      startReconciler(bootstrapServers, new TopicNames(topicPrefix), stateRoot, "r" + index);
    }
    return did.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> remediationSetup(String name, Path scenarioDir) {
    try (InputStream in = scenarioFile(name, scenarioDir)) {
      Map<String, Object> doc =
          new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readValue(in, Map.class);
      return (Map<String, Object>) doc.getOrDefault("remediation", Map.of());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the scenario of " + name, e);
    }
  }

  /**
   * Starts the cluster's remediation executor (one active per cluster), with the circuit breaker
   * the scenario's {@code remediation.executor} section sets, if any.
   */
  void startExecutor(String bootstrapServers, PrintStream out) {
    RemediationConfig config =
        SandboxRemediation.executorSettings(
            RemediationConfig.defaults(
                name,
                KafkaSettings.plaintext(List.of(bootstrapServers.split(","))),
                name + "-executor"),
            remediation);
    executor =
        RemediationExecutor.create(
            config,
            cluster.newClient(3),
            Clock.systemUTC(),
            endpoints.registry(name + "-executor"),
            out);
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
      MeterRegistry meters = endpoints.registry(name + "-watcher-" + i);
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
      startReconciler(bootstrapServers, names, stateRoot, Integer.toString(i));
    }
  }

  private void startReconciler(
      String bootstrapServers, TopicNames names, Path stateRoot, String suffix) {
    StreamSettings streams =
        new StreamSettings(
            name,
            names,
            new LifecycleSettings(HOLD, Map.of(), Duration.ofHours(1)),
            Duration.ofMillis(500),
            Duration.ofMillis(500),
            Duration.ofMinutes(10));
    String instance = name + "-reconciler-" + suffix;
    ReconcilerConfig config =
        new ReconcilerConfig(
            streams,
            0,
            KafkaSettings.plaintext(List.of(bootstrapServers.split(","))),
            1,
            0,
            stateRoot.resolve(instance),
            Duration.ofMillis(500),
            false);
    MeterRegistry meters = endpoints.registry(instance);
    reconcilerMeters.add(meters);
    reconcilerInstances.add(instance);
    reconcilers.add(
        new Reconciler(config, RuleEngine.standard(), meters, Clock.systemUTC(), instance).start());
  }

  /** Findings open now, as the reconciler instances count them (each counts its own shards). */
  long openFindings() {
    return Math.round(
        reconcilerMeters.stream()
            .flatMap(r -> r.find("meshwarden.findings.open").gauges().stream())
            .mapToDouble(g -> g.value())
            .sum());
  }

  /** Whether the cluster's compacted topics hold exactly its API state (the watcher's check). */
  StateComparison compareTopics(String bootstrapServers, TopicNames names) {
    KubernetesClient client = cluster.client();
    ObjectProjector projector =
        new ObjectProjector(
            client.getKubernetesSerialization(),
            new FactProjector(name, new MeshKeys(Set.of("team")), Clock.systemUTC()));
    WatcherConfig config = watcherConfig(bootstrapServers, names.prefix(), "checker");
    return StateComparison.of(
        ClusterSnapshot.take(
            client, projector, config.controlPlaneNamespaces(), config.namespaceFilter()),
        TopicTable.read(
            config.kafka().consumerProps("sandbox-checker", "sandbox-checker"),
            List.of(names.objects(name), names.mesh(name))));
  }

  /**
   * Stops one reconciler instance's Kafka Streams client while its {@code /metrics} endpoint stays
   * up, as a pod whose Streams application shut down keeps serving; returns the instance's name.
   * Its shards move to the other instances.
   */
  synchronized String stopReconciler() {
    if (reconcilers.isEmpty()) {
      throw new IllegalStateException("no reconciler instance of " + name + " runs");
    }
    Reconciler victim = reconcilers.remove(0);
    reconcilerMeters.remove(0);
    String instance = reconcilerInstances.remove(0);
    victim.close();
    return instance;
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
