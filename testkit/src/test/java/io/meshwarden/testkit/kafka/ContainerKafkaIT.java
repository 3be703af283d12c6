package io.meshwarden.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The Testcontainers path, run only when asked for with {@code
 * -Dmeshwarden.kafka.mode=testcontainers} (it needs a Docker daemon). Asked for without Docker, it
 * fails: the kit fell back to the JVM.
 */
@EnabledIfSystemProperty(named = "meshwarden.kafka.mode", matches = "testcontainers")
@WithKafka
class ContainerKafkaIT {

  @Test
  void runsKafkaInAContainerWhenAskedForAndDockerAnswers(KafkaCluster kafka) throws Exception {
    assertThat(kafka.kind()).isEqualTo(KafkaCluster.Kind.TESTCONTAINERS);
    kafka.createTopic("in-a-container", 2);

    try (Producer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
      Records.sendAndAwait(producer, "in-a-container", "key-", 0, 10);
    }

    List<ConsumerRecord<String, byte[]>> read =
        Records.readToEnd(kafka, "in-a-container", "read_committed");
    assertThat(read).hasSize(10);
  }
}
