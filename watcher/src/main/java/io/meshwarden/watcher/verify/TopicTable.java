package io.meshwarden.watcher.verify;

import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.WireSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads compacted fact topics as a table (last value per key wins, tombstones delete), with {@code
 * read_committed}: what any downstream consumer would see.
 */
public final class TopicTable {

  private TopicTable() {}

  /**
   * Reads {@code topics} to their current end.
   *
   * @param base consumer properties (bootstrap servers, security)
   */
  public static Map<String, ObjectFacts> read(Properties base, List<String> topics) {
    Properties props = new Properties();
    props.putAll(base);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, ObjectFacts> table = new HashMap<>();
    try (KafkaConsumer<String, ObjectFacts> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), WireSerde.facts())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
          partitions.add(new TopicPartition(topic, p.partition()));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        for (ConsumerRecord<String, ObjectFacts> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            table.remove(r.key());
          } else {
            table.put(r.key(), r.value());
          }
        }
      }
    }
    return table;
  }
}
