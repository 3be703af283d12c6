package io.meshwarden.alerting.it;

import io.meshwarden.alerting.AlertingConfig;
import io.meshwarden.alerting.AlertingRuntime;
import io.meshwarden.alerting.Fixtures;
import io.meshwarden.alerting.delivery.JdkHttpTransport;
import io.meshwarden.alerting.kafka.AlertTopics;
import io.meshwarden.alerting.kafka.AlertingService;
import io.meshwarden.common.kafka.KafkaSettings;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.RemediationRecord;
import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
    kafka.createTopic(topics.remediations(), 3, 1, Map.of());
    kafka.createTopic(topics.names().deadLetter(), 1, 1, Map.of());
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
            Duration.ofMillis(50),
            Duration.ofMillis(200),
            Duration.ofSeconds(10),
            Duration.ofHours(1)),
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

  /** Publishes a remediation record keyed by its target, as the executor does. */
  RecordMetadata publish(RemediationRecord r) {
    return publishRaw(
        topics.remediations(), r.target().key(), WireSerde.remediationRecords().serialize("", r));
  }

  /** Publishes any bytes: a poison record when they are not a valid record. */
  RecordMetadata publishRaw(String topic, String key, byte[] value) {
    try {
      return producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every record now in the dead-letter topic of notifications. */
  List<ConsumerRecord<String, byte[]>> deadLetters() {
    return readAll(topics.deadLetters());
  }

  /** Every record now in {@code topic}, partition 0 (dead-letter topics have one). */
  List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(kafka.consumerProps(prefix + "-peek"))) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      while (c.position(tp) < end) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** Whether the alerting group has committed up to the end of every partition of {@code topic}. */
  boolean committedToEnd(String group, String topic) throws Exception {
    try (KafkaConsumer<String, byte[]> c =
            new KafkaConsumer<>(kafka.consumerProps(prefix + "-peek"));
        Admin admin = kafka.admin()) {
      List<TopicPartition> tps =
          c.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      Map<TopicPartition, Long> end = c.endOffsets(tps);
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      return tps.stream()
          .allMatch(
              tp ->
                  end.get(tp) == 0
                      || (committed.get(tp) != null && committed.get(tp).offset() >= end.get(tp)));
    }
  }

  double counter(String name) {
    var c = registry.find(name).counter();
    return c == null ? 0 : c.count();
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
