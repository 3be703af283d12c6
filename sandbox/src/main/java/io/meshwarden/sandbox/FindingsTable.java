package io.meshwarden.sandbox;

import io.meshwarden.common.protocol.Finding;
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
 * The findings topic read as a table, as any downstream consumer would: the latest committed record
 * per fingerprint, tombstones removed, and the first time each fingerprint was seen open.
 */
final class FindingsTable {

  /** A finding's latest state and when it was first published open. */
  record Entry(Finding latest, Finding firstOpen) {}

  private FindingsTable() {}

  static Map<String, Entry> read(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, Entry> table = new HashMap<>();
    try (KafkaConsumer<String, Finding> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), WireSerde.findings())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        for (ConsumerRecord<String, Finding> r : consumer.poll(Duration.ofMillis(200))) {
          Finding f = r.value();
          if (f == null) {
            table.remove(r.key());
            continue;
          }
          Entry before = table.get(r.key());
          Finding firstOpen =
              before != null && before.firstOpen() != null
                  ? before.firstOpen()
                  : (f.state() == Finding.State.OPEN ? f : null);
          table.put(r.key(), new Entry(f, firstOpen));
        }
      }
    }
    return table;
  }
}
