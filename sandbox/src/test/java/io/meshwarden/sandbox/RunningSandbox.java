package io.meshwarden.sandbox;

import io.meshwarden.testkit.sim.Faults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A sandbox for tests outside this package: starts the clusters and exposes what the sandbox prints
 * (every role instance's {@code /metrics} URL), and the hooks a faulty run needs (the simulated
 * API's faults, stopping a reconciler, records on meshwarden's topics) without widening {@link
 * Sandbox}.
 */
public final class RunningSandbox implements AutoCloseable {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final Sandbox sandbox;

  private RunningSandbox(SandboxOptions options) {
    this.sandbox = Sandbox.start(options, new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  /** Starts the sandbox's two clusters ({@code prod-eu}, {@code prod-us}) and every role. */
  public static RunningSandbox start() {
    return start(defaults());
  }

  /** Starts the sandbox with {@code options}. */
  public static RunningSandbox start(SandboxOptions options) {
    return new RunningSandbox(options);
  }

  /** The default clusters ({@code prod-eu}, {@code prod-us}) with their built-in scenarios. */
  public static SandboxOptions defaults() {
    return new SandboxOptions(List.of("prod-eu", "prod-us"), 0);
  }

  /** Role instance (such as {@code prod-eu-watcher-0} or {@code alerting}) to its metrics URL. */
  public Map<String, String> metricsUrls() {
    return Map.copyOf(sandbox.metricsUrls());
  }

  /** The names of the simulated clusters. */
  public List<String> clusters() {
    return List.copyOf(sandbox.clusters().keySet());
  }

  /** The faults the simulated API of {@code cluster} injects (testkit's {@link Faults}). */
  public Faults faults(String cluster) {
    return cluster(cluster).simulated().faults();
  }

  /** The watcher replica leading {@code cluster}, or {@code (electing)}. */
  public String leader(String cluster) {
    return cluster(cluster).leader();
  }

  /**
   * Stops the Kafka Streams client of one reconciler instance of {@code cluster}, leaving its
   * metrics endpoint up; returns the instance's name.
   */
  public String stopReconciler(String cluster) {
    return cluster(cluster).stopReconciler();
  }

  /** The objects topic of {@code cluster}, which its reconcilers read. */
  public String objectsTopic(String cluster) {
    return Sandbox.NAMES.objects(cluster);
  }

  /** The remediation request topic of {@code cluster}, which its executor reads. */
  public String remediationRequestsTopic(String cluster) {
    return Sandbox.NAMES.remediationRequests(cluster);
  }

  /** The findings topic, which alerting reads. */
  public String findingsTopic() {
    return Sandbox.NAMES.findings();
  }

  /** The remediation audit topic, which alerting reads too. */
  public String remediationsTopic() {
    return Sandbox.NAMES.remediations();
  }

  /** Writes one record to {@code topic} as a foreign producer would (no transaction). */
  public void send(String topic, String key, byte[] value) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "sandbox-test-producer");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value));
      producer.flush();
    }
  }

  /** What the sandbox printed so far (alerts, status). */
  public String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  private SandboxCluster cluster(String name) {
    SandboxCluster cluster = sandbox.clusters().get(name);
    if (cluster == null) {
      throw new IllegalArgumentException("no cluster " + name + "; have " + clusters());
    }
    return cluster;
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
