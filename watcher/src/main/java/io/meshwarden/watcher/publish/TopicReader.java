package io.meshwarden.watcher.publish;

import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.watcher.WatcherMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the compacted topics from the beginning to their last stable offset ({@code
 * read_committed}) and builds the {@link PublishedView}: the table of what was published, last
 * write wins, tombstones delete. Records it cannot read count as unreadable and get overwritten.
 */
final class TopicReader {

  private final Properties baseConsumer;
  private final WatcherMetrics metrics;
  private final Duration timeout;

  TopicReader(Properties baseConsumer, WatcherMetrics metrics, Duration timeout) {
    this.baseConsumer = baseConsumer;
    this.metrics = metrics;
    this.timeout = timeout;
  }

  PublishedView read(List<String> topics) {
    Properties props = new Properties();
    props.putAll(baseConsumer);
    // The view must only contain committed records: an aborted transaction never happened.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    WireSerde<ObjectFacts> serde = WireSerde.facts();
    PublishedView view = new PublishedView();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null) {
          continue;
        }
        infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Instant deadline = Instant.now().plus(timeout);
      while (!caughtUp(consumer, end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new TimeoutException("reading the published state took longer than " + timeout);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.key() == null) {
            continue;
          }
          if (r.value() == null) {
            view.set(r.key(), null);
          } else if (serde.tryDecode(r.value()) instanceof WireSerde.Decoded.Ok<ObjectFacts> ok
              && ok.value() != null) {
            view.set(r.key(), FactHash.of(ok.value()));
          } else {
            metrics.unreadableRecord();
            view.set(r.key(), FactHash.UNREADABLE);
          }
        }
      }
    }
    return view;
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
