package io.meshwarden.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The extension's helpers and lifecycle on a real single-broker cluster. */
class KafkaClusterIT {

  @RegisterExtension static final KafkaCluster kafka = KafkaCluster.perClass();

  /** What the sample classes below saw, by sample name. */
  static final Map<String, String> SEEN = new ConcurrentHashMap<>();

  @Test
  void createdTopicHasALeaderForEveryPartitionWhenCreateReturns() throws Exception {
    kafka.createTopic("eight-partitions", 8);

    try (Admin admin = kafka.admin()) {
      TopicDescription topic =
          admin
              .describeTopics(List.of("eight-partitions"))
              .allTopicNames()
              .get()
              .get("eight-partitions");
      assertThat(topic.partitions()).hasSize(8);
      assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.leader()).isNotNull());
    }
  }

  @Test
  void producerAndConsumerSettingsCarryARecordThrough() throws Exception {
    kafka.createTopic("round-trip", 1);

    try (Producer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
      Records.sendAndAwait(producer, "round-trip", "key-", 0, 3);
    }

    List<ConsumerRecord<String, byte[]>> read =
        Records.readToEnd(kafka, "round-trip", "read_committed");
    assertThat(read).extracting(ConsumerRecord::key).containsExactly("key-0", "key-1", "key-2");
    assertThat(new String(read.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("key-0");
  }

  @Test
  void injectsTheRegisteredClusterIntoTestMethods(KafkaCluster injected) {
    assertThat(injected).isSameAs(kafka);
    assertThat(injected.bootstrapServers()).isNotBlank();
  }

  @Test
  void perClassClusterIsClosedAfterItsClass() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(PerClassSample.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));

    assertThat(SEEN).containsKey("per-class");
    assertThat(acceptsConnections(SEEN.get("per-class"))).isFalse();
  }

  @Test
  void perJvmClusterIsSharedByClassesOfTheSameShapeAndClosedAtTheEnd() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(PerJvmSampleOne.class), selectClass(PerJvmSampleTwo.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    assertThat(SEEN.get("per-jvm-one")).isNotNull().isEqualTo(SEEN.get("per-jvm-two"));
    assertThat(acceptsConnections(SEEN.get("per-jvm-one"))).isFalse();
  }

  private static boolean acceptsConnections(String bootstrapServers) {
    String first = bootstrapServers.split(",")[0];
    int colon = first.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(
              first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))),
          2_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Run only through the engine test kit above. */
  static class PerClassSample {
    @RegisterExtension static final KafkaCluster sampleKafka = KafkaCluster.perClass();

    @Test
    void recordsItsCluster() {
      SEEN.put("per-class", sampleKafka.bootstrapServers());
    }
  }

  /** Run only through the engine test kit above. */
  @WithKafka(sharing = Sharing.PER_JVM)
  static class PerJvmSampleOne {
    @Test
    void recordsItsCluster(KafkaCluster sampleKafka) {
      SEEN.put("per-jvm-one", sampleKafka.bootstrapServers());
    }
  }

  /** Run only through the engine test kit above. */
  @WithKafka(sharing = Sharing.PER_JVM)
  static class PerJvmSampleTwo {
    @Test
    void recordsItsCluster(KafkaCluster sampleKafka) {
      SEEN.put("per-jvm-two", sampleKafka.bootstrapServers());
    }
  }
}
