package io.meshwarden.testkit.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** Producing and reading whole topics in tests, without sleeping. */
final class Records {

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private Records() {}

  static ProducerRecord<String, byte[]> record(String topic, String key) {
    return new ProducerRecord<>(topic, key, key.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code count} records keyed {@code prefix + n} and waits until each is acknowledged. */
  static void sendAndAwait(
      Producer<String, byte[]> producer, String topic, String prefix, int from, int count)
      throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>(count);
    for (int n = from; n < from + count; n++) {
      acks.add(producer.send(record(topic, prefix + n)));
    }
    producer.flush();
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
  }

  /**
   * Reads every partition of {@code topic} from the beginning up to the end offsets seen at the
   * start (for {@code read_committed}, the last stable offset).
   */
  static List<ConsumerRecord<String, byte[]>> readToEnd(
      KafkaCluster kafka, String topic, String isolationLevel) {
    Map<String, Object> props = kafka.consumerProps("reader-" + topic + "-" + isolationLevel);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (!partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "Read "
                  + read.size()
                  + " records of "
                  + topic
                  + " by "
                  + READ_TIMEOUT
                  + ", end offsets "
                  + end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
      return read;
    }
  }

  static long totalEndOffset(KafkaCluster kafka, String topic, String isolationLevel) {
    Map<String, Object> props = kafka.consumerProps("end-" + topic);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
