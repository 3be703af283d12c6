package io.meshwarden.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.kafka.DeadLetters;
import io.meshwarden.common.protocol.RemediationRecord;
import io.meshwarden.common.protocol.RemediationRecord.Outcome;
import io.meshwarden.common.protocol.RemediationRequest;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kafka.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Poison remediation requests go to {@code <prefix>.dlq}; the executor carries on. */
@WithKafka
class RemediationDeadLetterIT {

  private final KafkaCluster kafka;
  private RemediationSim sim;

  RemediationDeadLetterIT(KafkaCluster kafka) {
    this.kafka = kafka;
  }

  @BeforeEach
  void setUp() {
    sim = new RemediationSim(kafka);
  }

  @AfterEach
  void tearDown() {
    sim.close();
  }

  @Test
  void sendsUnreadableRequestsToTheDeadLetterTopicCountsThemAndGoesOn() throws Exception {
    sim.install("1-24-0", "1.24.0");
    sim.startExecutor();
    String requests = sim.topics.remediationRequests(RemediationSim.CLUSTER);
    byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);
    byte[] future =
        "{\"schema\":\"meshwarden.io/remediation-request/v9\",\"id\":\"r\"}"
            .getBytes(StandardCharsets.UTF_8);
    RecordMetadata bad = publishRaw(requests, "shop/Deployment/bad", notJson);
    RecordMetadata newer = publishRaw(requests, "shop/Deployment/newer", future);
    RemediationRequest good = sim.request("shop", "gone", null);

    boolean done = sim.run(() -> recordOf(good) != null, Duration.ofSeconds(30));

    assertThat(done).as("the request after the poison ones was handled").isTrue();
    assertThat(recordOf(good).outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(recordOf(good).reason()).isEqualTo("not-found");
    Map<String, ConsumerRecord<String, byte[]>> letters = new HashMap<>();
    readAll(sim.topics.deadLetter()).forEach(r -> letters.put(r.key(), r));
    assertThat(letters).containsOnlyKeys("shop/Deployment/bad", "shop/Deployment/newer");
    assertThat(letters.values())
        .allSatisfy(l -> assertThat(DeadLetters.missing(l.headers())).isEmpty());
    ConsumerRecord<String, byte[]> b = letters.get("shop/Deployment/bad");
    assertThat(b.value()).isEqualTo(notJson);
    assertThat(headers(b))
        .containsEntry(DeadLetters.REASON, "MALFORMED")
        .containsEntry(DeadLetters.TOPIC, requests)
        .containsEntry(DeadLetters.PARTITION, Integer.toString(bad.partition()))
        .containsEntry(DeadLetters.OFFSET, Long.toString(bad.offset()))
        .containsEntry(DeadLetters.ROLE, "remediation");
    assertThat(headers(b).get(DeadLetters.ERROR)).contains("not JSON");
    ConsumerRecord<String, byte[]> n = letters.get("shop/Deployment/newer");
    assertThat(n.value()).isEqualTo(future);
    assertThat(headers(n))
        .containsEntry(DeadLetters.REASON, "UNSUPPORTED_SCHEMA")
        .containsEntry(DeadLetters.OFFSET, Long.toString(newer.offset()))
        .containsEntry(DeadLetters.ROLE, "remediation");
    assertThat(counter("MALFORMED")).isEqualTo(1.0);
    assertThat(counter("UNSUPPORTED_SCHEMA")).isEqualTo(1.0);
    // Everything is finished, the poison records included: the group committed to the end.
    OffsetAndMetadata committed =
        kafka
            .admin()
            .listConsumerGroupOffsets(sim.config.groupId())
            .partitionsToOffsetAndMetadata()
            .get()
            .get(new TopicPartition(requests, 0));
    assertThat(committed.offset()).isEqualTo(newer.offset() + 2);
  }

  private double counter(String reason) {
    var c = sim.meters.find("meshwarden.remediation.dead.letters").tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  private RemediationRecord recordOf(RemediationRequest r) {
    return sim.sink.records().stream()
        .filter(x -> x.requestId().equals(r.id()) && x.outcome() != Outcome.STARTED)
        .findFirst()
        .orElse(null);
  }

  private RecordMetadata publishRaw(String topic, String key, byte[] value) throws Exception {
    try (KafkaProducer<String, byte[]> p =
        new KafkaProducer<>(
            kafka.producerProps(), new StringSerializer(), new ByteArraySerializer())) {
      return p.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(kafka.consumerProps("dlq-" + System.nanoTime()))) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      while (consumer.position(tp) < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  private static Map<String, String> headers(ConsumerRecord<String, byte[]> r) {
    Map<String, String> out = new HashMap<>();
    for (Header h : r.headers()) {
      out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    return out;
  }
}
