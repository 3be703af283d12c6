package io.meshwarden.sandbox;

import io.meshwarden.common.protocol.RemediationRecord;
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

/** The remediation audit log, read to its end: every committed record per cluster and target. */
final class RemediationsTable {

  private RemediationsTable() {}

  /** Records keyed by {@code <cluster>|<namespace>/<Kind>/<name>}, in log order. */
  static Map<String, List<RemediationRecord>> read(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, List<RemediationRecord>> table = new HashMap<>();
    try (KafkaConsumer<String, RemediationRecord> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), WireSerde.remediationRecords())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        for (ConsumerRecord<String, RemediationRecord> r : consumer.poll(Duration.ofMillis(200))) {
          RemediationRecord rec = r.value();
          if (rec != null) {
            table
                .computeIfAbsent(rec.cluster() + "|" + rec.target().key(), k -> new ArrayList<>())
                .add(rec);
          }
        }
      }
    }
    return table;
  }
}
