package io.meshwarden.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Acceptance test of the in-JVM cluster: with three brokers and a separate controller, an RF 3
 * topic with {@code min.insync.replicas=2} keeps every acknowledged record when a broker stops.
 */
@WithKafka(brokers = 3)
class ThreeBrokerDurabilityIT {

  private static final int BATCH = 10_000;

  @AfterEach
  void restartStoppedBrokers(KafkaCluster kafka) {
    kafka.stoppedBrokers().forEach(kafka::restartBroker);
  }

  @Test
  void keepsEveryAcknowledgedRecordWhenOneOfThreeBrokersStops(KafkaCluster kafka) throws Exception {
    String topic = "durability";
    Timer timer = new Timer();
    kafka.createTopic(topic, 6, 3, Map.of("min.insync.replicas", "2"));
    timer.lap("create topic");
    int victim = leaderOfPartitionZero(kafka, topic);

    try (Producer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
      Records.sendAndAwait(producer, topic, "k-", 0, BATCH);
      timer.lap("produce 10000 (3 brokers)");
      kafka.stopBroker(victim);
      timer.lap("stop broker " + victim);
      Records.sendAndAwait(producer, topic, "k-", BATCH, BATCH);
      timer.lap("produce 10000 (2 brokers)");
    }
    List<ConsumerRecord<String, byte[]>> read = Records.readToEnd(kafka, topic, "read_committed");
    timer.lap("consume read_committed");
    System.out.println("ThreeBrokerDurabilityIT phases: " + timer);

    Set<String> expected =
        IntStream.range(0, 2 * BATCH).mapToObj(n -> "k-" + n).collect(Collectors.toSet());
    Set<String> distinct = read.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    assertThat(difference(expected, distinct)).as("acknowledged but missing").isEmpty();
    assertThat(difference(distinct, expected)).as("never sent").isEmpty();
    assertThat(read).as("records read, duplicates included").hasSize(2 * BATCH);
    assertThat(Records.totalEndOffset(kafka, topic, "read_committed"))
        .as("records in the topic")
        .isEqualTo(2 * BATCH);
  }

  @Test
  void restartedBrokerRejoinsTheIsrOfEveryPartition(KafkaCluster kafka) throws Exception {
    String topic = "rejoin";
    kafka.createTopic(topic, 3, 3, Map.of("min.insync.replicas", "2"));
    int victim = leaderOfPartitionZero(kafka, topic);

    kafka.stopBroker(victim);
    try (Admin admin = kafka.admin()) {
      assertThat(kafka.stoppedBrokers()).containsExactly(victim);
      await().atMost(Duration.ofSeconds(60)).until(() -> !fullIsr(admin, topic));

      kafka.restartBroker(victim);

      await().atMost(Duration.ofSeconds(60)).until(() -> fullIsr(admin, topic));
    }
    assertThat(kafka.stoppedBrokers()).isEmpty();
  }

  private static boolean fullIsr(Admin admin, String topic) throws Exception {
    return Topics.isReady(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic));
  }

  private static int leaderOfPartitionZero(KafkaCluster kafka, String topic) throws Exception {
    try (Admin admin = kafka.admin()) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .get(0)
          .leader()
          .id();
    }
  }

  private static Set<String> difference(Set<String> left, Set<String> right) {
    Set<String> result = new HashSet<>(left);
    result.removeAll(right);
    return result;
  }

  /** Wall time of each phase, for the test output. */
  private static final class Timer {
    private final StringBuilder laps = new StringBuilder();
    private long last = System.nanoTime();

    void lap(String phase) {
      long now = System.nanoTime();
      laps.append(String.format("%s=%d ms; ", phase, (now - last) / 1_000_000));
      last = now;
    }

    @Override
    public String toString() {
      return laps.toString();
    }
  }
}
