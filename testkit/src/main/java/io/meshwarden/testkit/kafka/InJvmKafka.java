package io.meshwarden.testkit.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.server.common.MetadataVersion;
import org.awaitility.Awaitility;

/**
 * A KRaft cluster inside the test JVM, built on Kafka's own {@link KafkaClusterTestKit}.
 *
 * <p>One broker runs combined with its controller. More brokers get one separate controller:
 * stopping a broker of a combined node hangs too often to rely on.
 */
final class InJvmKafka implements KafkaBackend {

  private static final Duration MEMBERSHIP_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaClusterTestKit kit;
  private final Path baseDirectory;
  private final String bootstrapServers;
  private final Set<Integer> stopped = ConcurrentHashMap.newKeySet();

  private InJvmKafka(KafkaClusterTestKit kit, Path baseDirectory, String bootstrapServers) {
    this.kit = kit;
    this.baseDirectory = baseDirectory;
    this.bootstrapServers = bootstrapServers;
  }

  static InJvmKafka start(KafkaSpec spec) {
    Path base = createBaseDirectory();
    KafkaClusterTestKit kit = null;
    try {
      TestKitNodes nodes =
          new TestKitNodes.Builder()
              .setCombined(spec.brokers() == 1)
              .setNumBrokerNodes(spec.brokers())
              .setNumControllerNodes(1)
              .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
              .setBaseDirectory(base)
              .build();
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      spec.effectiveBrokerConfig().forEach(builder::setConfigProp);
      kit = builder.build();
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      // Cache it: the kit cannot name a stopped broker's port, the port survives a restart.
      return new InJvmKafka(kit, base, kit.bootstrapServers());
    } catch (Exception e) {
      closeQuietly(kit);
      deleteQuietly(base);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Could not start an in-JVM Kafka with " + spec, e);
    }
  }

  @Override
  public KafkaCluster.Kind kind() {
    return KafkaCluster.Kind.IN_JVM;
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public Set<Integer> brokerIds() {
    return new TreeSet<>(kit.brokers().keySet());
  }

  @Override
  public Set<Integer> stoppedBrokers() {
    return Set.copyOf(stopped);
  }

  @Override
  public void stopBroker(int id) {
    BrokerServer broker = broker(id);
    broker.shutdown();
    broker.awaitShutdown();
    stopped.add(id);
    awaitAliveBrokers(id + " gone", alive -> !alive.contains(id));
  }

  @Override
  public void restartBroker(int id) {
    BrokerServer broker = broker(id);
    if (!broker.isShutdown()) {
      throw new IllegalStateException("Broker " + id + " is running; stop it first");
    }
    broker.startup();
    stopped.remove(id);
    awaitAliveBrokers(id + " back", alive -> alive.contains(id));
  }

  @Override
  public void close() {
    try {
      kit.close();
    } catch (Exception e) {
      throw new IllegalStateException("Could not close the in-JVM Kafka", e);
    } finally {
      deleteQuietly(baseDirectory);
    }
  }

  private BrokerServer broker(int id) {
    BrokerServer broker = kit.brokers().get(id);
    if (broker == null) {
      throw new IllegalArgumentException("No broker " + id + "; brokers are " + brokerIds());
    }
    return broker;
  }

  private void awaitAliveBrokers(String what, Predicate<Set<Integer>> condition) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Awaitility.await("broker " + what)
          .atMost(MEMBERSHIP_TIMEOUT)
          .pollInterval(Duration.ofMillis(20))
          .ignoreExceptions()
          .until(
              () ->
                  condition.test(
                      admin.describeCluster().nodes().get().stream()
                          .map(Node::id)
                          .collect(Collectors.toSet())));
    }
  }

  private static Path createBaseDirectory() {
    try {
      return Files.createTempDirectory("meshwarden-kafka-");
    } catch (IOException e) {
      throw new IllegalStateException("Could not create a directory for Kafka", e);
    }
  }

  private static void closeQuietly(KafkaClusterTestKit kit) {
    if (kit == null) {
      return;
    }
    try {
      kit.close();
    } catch (Exception ignored) {
      // Startup already failed; that failure is the one to report.
    }
  }

  private static void deleteQuietly(Path directory) {
    try {
      Utils.delete(directory.toFile());
    } catch (IOException ignored) {
      // A leftover temp directory is not worth failing a test for.
    }
  }

  @Override
  public String toString() {
    return "in-JVM Kafka " + bootstrapServers;
  }
}
