package io.meshwarden.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwarden.common.http.HealthCheck;
import io.meshwarden.common.http.HealthChecks;
import io.meshwarden.common.http.Meters;
import io.meshwarden.common.http.OpsHttpServer;
import io.meshwarden.common.topics.TopicAdmin;
import io.meshwarden.common.topics.TopicLayout;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.common.topics.TopicSpec;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kubernetes.Fixtures;
import io.meshwarden.testkit.kubernetes.KubernetesApi;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.net.InetSocketAddress;
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
 * The running sandbox: an embedded Kafka, one Kubernetes API per simulated cluster seeded with a
 * small mesh, meshwarden's topics, and the ops endpoints. Everything it starts is closed in reverse
 * order by {@link #close()}.
 *
 * <p>The roles (watcher, reconciler, alerting) join the sandbox as their issues land; until then
 * the sandbox says which ones are missing rather than pretending.
 */
public final class Sandbox implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
  static final String SEED = "classpath:sandbox/seed.yaml";
  static final TopicNames NAMES = TopicNames.defaults();

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final Map<String, KubernetesApi> clusters = new LinkedHashMap<>();
  private KafkaCluster kafka;
  private OpsHttpServer ops;
  private List<String> topics = List.of();
  private boolean closed;

  private Sandbox() {}

  /** Starts everything and prints where it runs to {@code out}. */
  public static Sandbox start(SandboxOptions options, PrintStream out) {
    Sandbox sandbox = new Sandbox();
    try {
      sandbox.startKafka(out);
      sandbox.startClusters(options.clusters(), out);
      sandbox.createTopics(options.clusters());
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

  private void startClusters(List<String> names, PrintStream out) {
    for (String name : names) {
      out.println("Starting simulated cluster " + name + "...");
      KubernetesApi api = KubernetesApi.start("127.0.0.1", 0);
      resources.push(api);
      Fixtures.load(api.client(), SEED);
      clusters.put(name, api);
    }
  }

  private void createTopics(List<String> names) {
    // One broker: replication factor 1, and the in-sync minimum follows it down.
    TopicLayout layout = new TopicLayout(NAMES, (short) 1, 6, 6);
    List<TopicSpec> specs = new ArrayList<>(layout.shared());
    names.forEach(c -> specs.addAll(layout.forCluster(c)));
    try (Admin admin = kafka.admin()) {
      TopicAdmin.Report report = new TopicAdmin(admin, Duration.ofSeconds(30)).ensure(specs, true);
      LOG.info("Topics created: {}", report.created());
    }
    topics = specs.stream().map(TopicSpec::name).toList();
  }

  private void startOps(int port) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    resources.push(Meters.bindJvm(registry));
    HealthChecks checks = new HealthChecks();
    checks.addReadiness(HealthCheck.of("kafka", this::kafkaAnswers));
    clusters.forEach(
        (name, api) ->
            checks.addReadiness(HealthCheck.of("cluster-" + name, () -> apiAnswers(api))));
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

  private static HealthCheck.Result apiAnswers(KubernetesApi api) {
    try {
      api.client().namespaces().list();
      return HealthCheck.Result.up();
    } catch (RuntimeException e) {
      return HealthCheck.Result.down("API server does not answer: " + e.getMessage());
    }
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  Map<String, KubernetesApi> clusters() {
    return clusters;
  }

  KubernetesClient client(String cluster) {
    return clusters.get(cluster).client();
  }

  List<String> topics() {
    return topics;
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
