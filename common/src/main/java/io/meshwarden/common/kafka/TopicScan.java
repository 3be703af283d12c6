package io.meshwarden.common.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads whole topics once, from the beginning to their last stable offset, with {@code
 * read_committed} and no consumer group: how meshwarden reads a compacted topic as a table (a new
 * watcher leader learning what is published, a check comparing topics with a cluster).
 */
public final class TopicScan {

  private TopicScan() {}

  /**
   * Hands every record of {@code topics} to {@code each}, partition by partition in offset order,
   * and returns when every partition's end (as of the start) has been read.
   *
   * @param base consumer properties: bootstrap servers and security; a group id is ignored
   * @param timeout how long the whole scan may take
   * @throws TimeoutException when it takes longer
   */
  public static <V> void readAll(
      Properties base,
      List<String> topics,
      Deserializer<V> values,
      Duration timeout,
      Consumer<ConsumerRecord<String, V>> each) {
    Properties props = new Properties();
    props.putAll(base);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    // Only committed records: an aborted transaction (a fenced writer's) never happened.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos != null) {
          infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Instant deadline = Instant.now().plus(timeout);
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (Instant.now().isAfter(deadline)) {
          throw new TimeoutException("reading " + topics + " took longer than " + timeout);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(each);
      }
    }
  }
}
