package io.meshwarden.alerting.it;

import io.meshwarden.alerting.AlertingConfig;
import io.meshwarden.alerting.AlertingRuntime;
import io.meshwarden.alerting.Fixtures;
import io.meshwarden.alerting.delivery.JdkHttpTransport;
import io.meshwarden.alerting.kafka.AlertTopics;
import io.meshwarden.alerting.kafka.AlertingService;
import io.meshwarden.common.kafka.KafkaSettings;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** Topics, configuration and a findings producer for one IT, under its own topic prefix. */
final class ItSupport implements AutoCloseable {

  final KafkaCluster kafka;
  final String prefix;
  final AlertTopics topics;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final KafkaProducer<String, byte[]> producer;

  ItSupport(KafkaCluster kafka, String prefix) {
    this.kafka = kafka;
    this.prefix = prefix;
    this.topics = new AlertTopics(new TopicNames(prefix));
    kafka.createTopic(topics.findings(), 3, 1, Map.of("cleanup.policy", "compact"));
    kafka.createTopic(topics.state(), 3, 1, Map.of("cleanup.policy", "compact"));
    kafka.createTopic(topics.deadLetters(), 1, 1, Map.of());
    this.producer = new KafkaProducer<>(kafka.producerProps());
  }

  /** The configuration of an instance reading this IT's topics with the given routing file. */
  AlertingConfig config(String routingYaml) {
    return new AlertingConfig(
        prefix,
        0,
        KafkaSettings.plaintext(List.of(kafka.bootstrapServers())),
        Fixtures.routing(routingYaml),
        prefix + "-alerting",
        "https://meshwarden.example",
        "https://meshwarden.io/docs/rules/",
        new AlertingService.Timing(
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(10)),
        Duration.ofMillis(200),
        false,
        (short) 1);
  }

  AlertingRuntime start(AlertingConfig config) {
    return new AlertingRuntime(
            config, new JdkHttpTransport(Duration.ofSeconds(2)), registry, Clock.systemUTC())
        .start();
  }

  void publish(Finding f) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  topics.findings(), f.fingerprint(), WireSerde.findings().serialize("", f)))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every record now in the dead-letter topic. */
  List<ConsumerRecord<String, byte[]>> deadLetters() {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(kafka.consumerProps(prefix + "-peek"))) {
      TopicPartition tp = new TopicPartition(topics.deadLetters(), 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      while (c.position(tp) < end) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  double counter(String name, String receiver) {
    var c = registry.find(name).tag("receiver", receiver).counter();
    return c == null ? 0 : c.count();
  }

  @Override
  public void close() {
    producer.close();
  }
}
