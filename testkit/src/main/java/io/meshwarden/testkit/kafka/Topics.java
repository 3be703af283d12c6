package io.meshwarden.testkit.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.awaitility.Awaitility;

/**
 * Creates topics and waits until they are usable. An idempotent producer that sends before every
 * partition has a leader can hit NOT_LEADER_OR_FOLLOWER, loop on OUT_OF_ORDER_SEQUENCE and drop
 * records, so creation is not done until each partition has a leader and a full ISR.
 */
final class Topics {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Topics() {}

  static void create(
      Admin admin, String name, int partitions, int replicationFactor, Map<String, String> config) {
    NewTopic topic = new NewTopic(name, partitions, (short) replicationFactor).configs(config);
    try {
      admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topic " + name, e);
    } catch (Exception e) {
      throw new IllegalStateException("Could not create topic " + name, e);
    }
    Awaitility.await("a leader and a full ISR for every partition of " + name)
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(20))
        .ignoreExceptions()
        .until(() -> isReady(admin.describeTopics(List.of(name)).allTopicNames().get().get(name)));
  }

  static boolean isReady(TopicDescription description) {
    return description != null
        && !description.partitions().isEmpty()
        && description.partitions().stream().allMatch(Topics::isReady);
  }

  private static boolean isReady(TopicPartitionInfo partition) {
    return partition.leader() != null
        && !partition.leader().isEmpty()
        && partition.isr().size() == partition.replicas().size();
  }
}
