package io.meshwarden.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.Test;

/** Transactions on one shared in-JVM broker: commit, abort, and fencing by transactional id. */
@WithKafka(sharing = Sharing.PER_JVM)
class SingleBrokerTransactionsIT {

  @Test
  void readCommittedConsumerSeesCommittedRecordsButNotAbortedOnes(KafkaCluster kafka) {
    String topic = unique("tx");
    kafka.createTopic(topic, 3);

    try (Producer<String, byte[]> producer =
        new KafkaProducer<>(kafka.transactionalProducerProps(unique("tx-id")))) {
      producer.initTransactions();
      producer.beginTransaction();
      keys("committed-", 100).forEach(k -> producer.send(Records.record(topic, k)));
      producer.commitTransaction();
      producer.beginTransaction();
      keys("aborted-", 50).forEach(k -> producer.send(Records.record(topic, k)));
      producer.flush();
      producer.abortTransaction();
    }

    assertThat(keysOf(Records.readToEnd(kafka, topic, "read_committed")))
        .containsExactlyInAnyOrderElementsOf(keys("committed-", 100));
    assertThat(keysOf(Records.readToEnd(kafka, topic, "read_uncommitted")))
        .as("aborted records are in the log, only hidden")
        .hasSize(150)
        .containsAll(keys("aborted-", 50));
  }

  @Test
  void secondProducerWithTheSameTransactionalIdFencesTheFirst(KafkaCluster kafka) {
    String topic = unique("fencing");
    String transactionalId = unique("watcher");
    kafka.createTopic(topic, 1);

    Throwable failure;
    try (Producer<String, byte[]> first =
        new KafkaProducer<>(kafka.transactionalProducerProps(transactionalId))) {
      first.initTransactions();
      first.beginTransaction();
      keys("open-", 10).forEach(k -> first.send(Records.record(topic, k)));
      first.flush();

      try (Producer<String, byte[]> second =
          new KafkaProducer<>(kafka.transactionalProducerProps(transactionalId))) {
        second.initTransactions();
        second.beginTransaction();
        keys("second-", 10).forEach(k -> second.send(Records.record(topic, k)));
        second.commitTransaction();
      }

      failure =
          catchThrowable(
              () -> {
                first.send(Records.record(topic, "late")).get();
                first.commitTransaction();
              });
    }

    assertThat(isFenced(failure)).as("first producer fenced, got %s", failure).isTrue();
    assertThat(keysOf(Records.readToEnd(kafka, topic, "read_committed")))
        .containsExactlyInAnyOrderElementsOf(keys("second-", 10));
    assertThat(keysOf(Records.readToEnd(kafka, topic, "read_uncommitted")))
        .as("the fenced producer's records reached the log")
        .containsAll(keys("open-", 10));
  }

  /** Kafka 4 reports fencing as either exception, depending on where the producer notices. */
  private static boolean isFenced(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
        return true;
      }
    }
    return false;
  }

  private static List<String> keys(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(n -> prefix + n).toList();
  }

  private static List<String> keysOf(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(ConsumerRecord::key).toList();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
