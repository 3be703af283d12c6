package io.meshwarden.testkit.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A real Kafka for a test: a JUnit 5 extension and the handle tests use to reach it.
 *
 * <p>Use it declaratively with {@link WithKafka} and take a {@code KafkaCluster} parameter, or
 * register it in a static field and use the field:
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaCluster kafka = KafkaCluster.perClass().brokers(3);
 * }</pre>
 *
 * <p>Outside JUnit (the sandbox), {@code KafkaCluster.standalone().start()} and {@link #close()}.
 *
 * <p><b>Which Kafka.</b> Chosen once per cluster from system properties, first match wins:
 *
 * <ol>
 *   <li>{@code -Dmeshwarden.kafka.bootstrap=host:port}: that external cluster, for single-broker
 *       requests. It is never stopped or cleaned, so tests must use their own topic names.
 *   <li>{@code -Dmeshwarden.kafka.mode=testcontainers}, one broker, and a Docker daemon answers: an
 *       {@code apache/kafka} container of the clients' version ({@code -Dmeshwarden.kafka.image}
 *       overrides it).
 *   <li>Otherwise (the default): KRaft inside the test JVM. One broker runs combined with its
 *       controller; more brokers get one separate controller so that {@link #stopBroker} works.
 * </ol>
 *
 * A request for several brokers always runs in the JVM: only there can the test stop brokers.
 *
 * <p><b>Sharing.</b> {@link Sharing#PER_CLASS} (the default) starts a cluster before the class and
 * closes it after; {@link Sharing#PER_JVM} reuses one cluster per shape until the engine finishes.
 *
 * <p>The brokers start with test defaults: no initial rebalance delay, internal topics replicated
 * to every broker (at most 3) with a minimum ISR one lower, and topic auto-creation off: create
 * topics with {@link #createTopic}, which waits until every partition has a leader.
 */
public final class KafkaCluster implements BeforeAllCallback, ParameterResolver, AutoCloseable {

  /** Where the Kafka behind a cluster runs. */
  public enum Kind {
    IN_JVM,
    TESTCONTAINERS,
    EXTERNAL
  }

  private static final Namespace NAMESPACE = Namespace.create(KafkaCluster.class);

  private final boolean configuredByAnnotation;
  private KafkaSpec spec = KafkaSpec.singleBroker();
  private Sharing sharing;
  private volatile KafkaBackend backend;
  private boolean standalone;

  /** For {@link WithKafka}: the shape comes from the annotation. */
  public KafkaCluster() {
    this(Sharing.PER_CLASS, true);
  }

  private KafkaCluster(Sharing sharing, boolean configuredByAnnotation) {
    this.sharing = sharing;
    this.configuredByAnnotation = configuredByAnnotation;
  }

  /** A cluster started before the test class and closed after it. */
  public static KafkaCluster perClass() {
    return new KafkaCluster(Sharing.PER_CLASS, false);
  }

  /** A cluster shared by every test class in the JVM that asks for the same shape. */
  public static KafkaCluster perJvm() {
    return new KafkaCluster(Sharing.PER_JVM, false);
  }

  /** A cluster for use outside JUnit: call {@link #start()} and {@link #close()}. */
  public static KafkaCluster standalone() {
    return new KafkaCluster(Sharing.PER_CLASS, false);
  }

  /** Number of brokers; more than one adds a separate controller. */
  public KafkaCluster brokers(int count) {
    spec = spec.withBrokers(count);
    return this;
  }

  /** A broker config on top of the test defaults. */
  public KafkaCluster brokerConfig(String key, String value) {
    spec = spec.withBrokerConfig(key, value);
    return this;
  }

  /** Starts the cluster now, outside JUnit; {@link #close()} stops it. */
  public synchronized KafkaCluster start() {
    if (backend == null) {
      backend = KafkaBackends.start(spec);
      standalone = true;
    }
    return this;
  }

  /** Stops a cluster started with {@link #start()}; clusters owned by JUnit close themselves. */
  @Override
  public synchronized void close() {
    if (standalone && backend != null) {
      backend.close();
      backend = null;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    attach(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // A constructor of a PER_CLASS-lifecycle test instance runs before beforeAll.
    attach(context);
    return this;
  }

  private synchronized void attach(ExtensionContext context) {
    if (standalone) {
      return;
    }
    if (configuredByAnnotation) {
      readAnnotation(context);
    }
    ExtensionContext owner = sharing == Sharing.PER_JVM ? context.getRoot() : classContext(context);
    Object key = sharing == Sharing.PER_JVM ? spec : this;
    KafkaSpec wanted = spec;
    backend =
        owner
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(key, k -> KafkaBackends.start(wanted), KafkaBackend.class);
  }

  private void readAnnotation(ExtensionContext context) {
    Optional<WithKafka> annotation = Optional.empty();
    for (Class<?> type = context.getRequiredTestClass();
        type != null && annotation.isEmpty();
        type = type.getEnclosingClass()) {
      annotation = AnnotationSupport.findAnnotation(type, WithKafka.class);
    }
    annotation.ifPresent(
        a -> {
          spec = KafkaSpec.parse(a.brokers(), a.brokerConfig());
          sharing = a.sharing();
        });
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private KafkaBackend backend() {
    KafkaBackend current = backend;
    if (current == null) {
      throw new IllegalStateException(
          "Kafka is not started: register the extension, use @WithKafka, or call start()");
    }
    return current;
  }

  /** Where the Kafka behind this cluster runs. */
  public Kind kind() {
    return backend().kind();
  }

  /** {@code host:port,...} of the brokers, including stopped ones (they keep their ports). */
  public String bootstrapServers() {
    return backend().bootstrapServers();
  }

  /** Number of brokers asked for. */
  public int brokerCount() {
    return spec.brokers();
  }

  /** Ids of the brokers the test can stop; empty for a container or an external cluster. */
  public Set<Integer> brokerIds() {
    return backend().brokerIds();
  }

  /** Ids of the brokers stopped and not yet restarted. */
  public Set<Integer> stoppedBrokers() {
    return backend().stoppedBrokers();
  }

  /** Stops a broker (controlled shutdown); returns when the cluster no longer lists it. */
  public void stopBroker(int id) {
    backend().stopBroker(id);
  }

  /** Starts a stopped broker on its old port; returns when the cluster lists it again. */
  public void restartBroker(int id) {
    backend().restartBroker(id);
  }

  /** A new admin client for this cluster; the caller closes it. */
  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /**
   * Creates a topic and waits until every partition has a leader and a full ISR.
   *
   * @param config topic configs such as {@code min.insync.replicas}
   */
  public void createTopic(
      String name, int partitions, int replicationFactor, Map<String, String> config) {
    try (Admin admin = admin()) {
      Topics.create(admin, name, partitions, replicationFactor, config);
    }
  }

  /** Creates a topic replicated to every broker (at most 3) and waits for its leaders. */
  public void createTopic(String name, int partitions) {
    createTopic(name, partitions, spec.internalReplicationFactor(), Map.of());
  }

  /**
   * Settings for a producer with {@code String} keys and {@code byte[]} values, {@code acks=all}
   * and idempotence on. The map is a fresh, mutable copy: override what the test needs.
   */
  public Map<String, Object> producerProps() {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return props;
  }

  /** {@link #producerProps()} plus a {@code transactional.id}. */
  public Map<String, Object> transactionalProducerProps(String transactionalId) {
    Map<String, Object> props = producerProps();
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return props;
  }

  /**
   * Settings for a consumer with {@code String} keys and {@code byte[]} values that starts at the
   * earliest offset, reads only committed records and never commits on its own. Fresh and mutable.
   */
  public Map<String, Object> consumerProps(String groupId) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return props;
  }

  @Override
  public String toString() {
    KafkaBackend current = backend;
    return current == null ? "Kafka (not started) " + spec : current.toString();
  }
}
