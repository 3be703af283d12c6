package io.meshwarden.sandbox;

import io.meshwarden.alerting.kafka.AlertTopics;
import io.meshwarden.common.http.HealthCheck;
import io.meshwarden.common.http.HealthChecks;
import io.meshwarden.common.http.Meters;
import io.meshwarden.common.http.OpsHttpServer;
import io.meshwarden.common.topics.TopicAdmin;
import io.meshwarden.common.topics.TopicLayout;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.common.topics.TopicSpec;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running sandbox: an embedded Kafka, simulated Istio clusters seeded from scenario files with
 * their own drift, meshwarden's topics, each cluster's watcher replicas, and the ops endpoints.
 * Everything it starts is closed in reverse order by {@link #close()}.
 *
 * <p>The roles talk to each other only through Kafka and the API servers, as in production. The
 * roles not built yet (reconciler, alerting) join as their issues land; until then the sandbox says
 * which ones are missing rather than pretending.
 */
public final class Sandbox implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
  static final TopicNames NAMES = TopicNames.defaults();

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final Map<String, SandboxCluster> clusters = new LinkedHashMap<>();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private KafkaCluster kafka;
  private Path stateRoot;
  private final java.time.Instant started = java.time.Instant.now();
  private SandboxAlerting alerting;
  private final RoleEndpoints endpoints = new RoleEndpoints();
  private OpsHttpServer ops;
  private List<String> topics = List.of();
  private boolean closed;

  private Sandbox() {}

  /** Starts everything and prints where it runs to {@code out}. */
  public static Sandbox start(SandboxOptions options, PrintStream out) {
    Sandbox sandbox = new Sandbox();
    try {
      sandbox.createStateRoot();
      sandbox.resources.push(sandbox.endpoints);
      sandbox.startKafka(out);
      sandbox.namespaces = options.namespaces();
      sandbox.pods = options.pods();
      sandbox.startClusters(options.clusters(), options.scenarioDir(), out);
      sandbox.createTopics(options.clusters());
      sandbox.startWatchers(out);
      sandbox.startReconcilers(out);
      sandbox.startAlerting(options.alsoNotify(), out);
      sandbox.startExecutors(out);
      sandbox.startOps(options.httpPort());
      new StatusReport(sandbox).print(out);
      return sandbox;
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
  }

  private void startKafka(PrintStream out) {
    out.println("Starting an embedded Kafka (KRaft, one broker)...");
    kafka = KafkaCluster.standalone().start();
    resources.push(kafka);
  }

  private int namespaces;
  private int pods;

  private void startClusters(List<String> names, Path scenarioDir, PrintStream out) {
    for (String name : names) {
      out.println("Starting simulated cluster " + name + " and applying its scenario...");
      SandboxCluster cluster = SandboxCluster.start(name, namespaces, pods, scenarioDir, endpoints);
      resources.push(cluster);
      clusters.put(name, cluster);
    }
  }

  private void createTopics(List<String> names) {
    // One broker: replication factor 1, and the in-sync minimum follows it down.
    TopicLayout layout = new TopicLayout(NAMES, (short) 1, 6, 6);
    List<TopicSpec> specs = new ArrayList<>(layout.shared());
    names.forEach(c -> specs.addAll(layout.forCluster(c)));
    // The alerting role's own ledger topic (and the dead-letter topic it shares).
    new AlertTopics(NAMES)
        .owned((short) 1).stream()
            .filter(t -> specs.stream().noneMatch(have -> have.name().equals(t.name())))
            .forEach(specs::add);
    try (Admin admin = kafka.admin()) {
      TopicAdmin.Report report = new TopicAdmin(admin, Duration.ofSeconds(30)).ensure(specs, true);
      LOG.info("Topics created: {}", report.created());
    }
    topics = specs.stream().map(TopicSpec::name).toList();
  }

  private void startWatchers(PrintStream out) {
    out.println("Starting " + SandboxCluster.WATCHER_REPLICAS + " watcher replicas per cluster...");
    clusters.values().forEach(c -> c.startWatchers(kafka.bootstrapServers(), NAMES.prefix()));
  }

  private void startExecutors(PrintStream out) {
    out.println("Starting one remediation executor per cluster...");
    clusters.values().forEach(c -> c.startExecutor(kafka.bootstrapServers(), out));
  }

  private void startAlerting(List<java.net.URI> alsoNotify, PrintStream out) {
    out.println("Starting the alerting instance and a webhook receiver that prints alerts...");
    alerting =
        new SandboxAlerting(
            kafka.bootstrapServers(),
            NAMES.prefix(),
            alsoNotify,
            out,
            endpoints.registry("alerting"));
    resources.push(alerting);
  }

  /** Every role instance's {@code /metrics} URL. */
  Map<String, String> metricsUrls() {
    return endpoints.urls();
  }

  SandboxAlerting alerting() {
    return alerting;
  }

  private void startReconcilers(PrintStream out) {
    out.println(
        "Starting " + SandboxCluster.RECONCILER_INSTANCES + " reconciler instances per cluster...");
    clusters.values().forEach(c -> c.startReconcilers(kafka.bootstrapServers(), NAMES, stateRoot));
  }

  /** The reconcilers' local stores; removed last, after every instance has stopped. */
  private void createStateRoot() {
    try {
      stateRoot = java.nio.file.Files.createTempDirectory("meshwarden-sandbox-state");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create the reconcilers' state directory", e);
    }
    Path root = stateRoot;
    resources.push(() -> deleteTree(root));
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = java.nio.file.Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.deleteIfExists(p);
      }
    }
  }

  private void startOps(int port) {
    resources.push(Meters.bindJvm(registry));
    HealthChecks checks = new HealthChecks();
    checks.addReadiness(HealthCheck.of("kafka", this::kafkaAnswers));
    clusters.forEach(
        (name, c) ->
            checks.addReadiness(
                HealthCheck.of("cluster-" + name, () -> apiAnswers(c.simulated().client()))));
    ops =
        OpsHttpServer.start(
            new InetSocketAddress("127.0.0.1", port), registry, checks, Duration.ofSeconds(1));
    resources.push(ops);
  }

  private HealthCheck.Result kafkaAnswers() {
    try (Admin admin = kafka.admin()) {
      admin.describeCluster().nodes().get(5, java.util.concurrent.TimeUnit.SECONDS);
      return HealthCheck.Result.up();
    } catch (Exception e) {
      return HealthCheck.Result.down("Kafka does not answer: " + e.getMessage());
    }
  }

  private static HealthCheck.Result apiAnswers(
      io.fabric8.kubernetes.client.KubernetesClient client) {
    try {
      client.namespaces().list();
      return HealthCheck.Result.up();
    } catch (RuntimeException e) {
      return HealthCheck.Result.down("API server does not answer: " + e.getMessage());
    }
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  Map<String, SandboxCluster> clusters() {
    return clusters;
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  List<String> topics() {
    return topics;
  }

  /** One round of {@code --chaos}: in every cluster, kill its leading watcher and a reconciler. */
  void chaos(PrintStream out) {
    clusters.forEach(
        (name, c) ->
            out.printf(
                "  CHAOS %s: %s%n",
                name, c.chaos(kafka.bootstrapServers(), NAMES.prefix(), stateRoot)));
  }

  /** Per cluster, whether its topics hold exactly its API state now. */
  Map<String, io.meshwarden.watcher.verify.StateComparison> compareTopics() {
    Map<String, io.meshwarden.watcher.verify.StateComparison> result = new LinkedHashMap<>();
    clusters.forEach(
        (name, c) -> result.put(name, c.compareTopics(kafka.bootstrapServers(), NAMES)));
    return result;
  }

  /** Reads the findings topic and checks every seeded drift against it. */
  DriftSummary summary() {
    List<SeededDrift> drifts =
        clusters.values().stream().flatMap(c -> c.drifts().stream()).toList();
    return DriftSummary.of(
        drifts,
        FindingsTable.read(kafka.bootstrapServers(), NAMES.findings()),
        RemediationsTable.read(kafka.bootstrapServers(), NAMES.remediations()),
        started);
  }

  int httpPort() {
    return ops.port();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!resources.isEmpty()) {
      AutoCloseable r = resources.pop();
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("Could not stop {} cleanly: {}", r, e.toString());
      }
    }
  }
}
