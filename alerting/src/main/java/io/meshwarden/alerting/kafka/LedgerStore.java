package io.meshwarden.alerting.kafka;

import io.meshwarden.alerting.grouping.LedgerChange;
import io.meshwarden.alerting.grouping.LedgerEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The ledger of what was sent, in the compacted state topic: written as the dispatcher decides, and
 * read whole (last value per key wins, null deletes) when findings partitions are assigned.
 */
public final class LedgerStore {

  private final String topic;
  private final Producer<String, byte[]> producer;
  private final Properties readerProps;
  private final List<Future<RecordMetadata>> unflushed = new ArrayList<>();

  /**
   * @param readerProps consumer properties without a group (the topic is read by assignment)
   */
  public LedgerStore(String topic, Producer<String, byte[]> producer, Properties readerProps) {
    this.topic = topic;
    this.producer = producer;
    this.readerProps = readerProps;
  }

  /** Sends changes; {@link #flush()} makes them durable. */
  public void write(List<LedgerChange> changes) {
    for (LedgerChange c : changes) {
      byte[] value = c.entry() == null ? null : Codec.encode(c.entry());
      unflushed.add(producer.send(new ProducerRecord<>(topic, c.key(), value)));
    }
  }

  /** Waits until every change sent so far is acknowledged; throws when one failed. */
  public void flush() {
    if (unflushed.isEmpty()) {
      return;
    }
    producer.flush();
    try {
      for (Future<RecordMetadata> f : unflushed) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the ledger", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write the ledger: " + e.getCause(), e.getCause());
    } finally {
      unflushed.clear();
    }
  }

  /**
   * Every live entry whose source partition is in {@code partitions}: of action notices when {@code
   * notices}, else of findings.
   */
  public List<LedgerEntry> read(Set<Integer> partitions, boolean notices, Duration timeout) {
    Map<String, LedgerEntry> table = new HashMap<>();
    try (KafkaConsumer<String, byte[]> reader =
        new KafkaConsumer<>(readerProps, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> tps =
          reader.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toList());
      reader.assign(tps);
      reader.seekToBeginning(tps);
      Map<TopicPartition, Long> end = reader.endOffsets(tps, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (tps.stream().anyMatch(tp -> reader.position(tp, timeout) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("timed out reading " + topic);
        }
        for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            table.remove(r.key());
          } else {
            table.put(r.key(), Codec.decode(r.value(), LedgerEntry.class));
          }
        }
      }
    }
    return table.values().stream()
        .filter(e -> e.notice() == notices && partitions.contains(e.partition()))
        .toList();
  }
}
