package io.meshwarden.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kafka.Sharing;
import io.meshwarden.testkit.kafka.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The wire serdes work against a real broker: values, tombstones, headers and poison records. */
@WithKafka(sharing = Sharing.PER_JVM)
class WireSerdeKafkaIT {

  @Test
  void everyFactKindAndTombstonesSurviveARealBroker(KafkaCluster kafka) {
    String topic = "serde-it.facts";
    kafka.createTopic(topic, 3);
    List<ObjectFacts> sent = SampleRecords.everyFactKind();

    try (KafkaProducer<String, ObjectFacts> producer = producer(kafka, WireSerde.facts())) {
      sent.forEach(f -> producer.send(new ProducerRecord<>(topic, f.key(), f)));
      producer.send(new ProducerRecord<>(topic, "shop/Pod/gone", null));
      producer.flush();
    }

    List<ConsumerRecord<String, ObjectFacts>> got =
        consume(kafka, topic, WireSerde.facts(), sent.size() + 1);
    assertThat(got.stream().map(ConsumerRecord::value).filter(v -> v != null))
        .containsExactlyInAnyOrderElementsOf(sent);
    assertThat(got)
        .filteredOn(r -> r.value() == null)
        .extracting(ConsumerRecord::key)
        .containsExactly("shop/Pod/gone");
  }

  @Test
  void findingsCarryCloudEventHeaders(KafkaCluster kafka) {
    String topic = "serde-it.findings";
    kafka.createTopic(topic, 1);
    Finding finding = SampleRecords.finding(Finding.State.OPEN);
    CloudEventHeaders ce =
        new CloudEventHeaders(
            "ev-1",
            "/meshwarden/prod-eu/reconciler",
            CloudEventHeaders.TYPE_FINDING_OPENED,
            SampleRecords.T1,
            finding.fingerprint());

    try (KafkaProducer<String, Finding> producer = producer(kafka, WireSerde.findings())) {
      ProducerRecord<String, Finding> record =
          new ProducerRecord<>(topic, finding.fingerprint(), finding);
      ce.writeTo(record.headers());
      producer.send(record);
    }

    ConsumerRecord<String, Finding> got = consume(kafka, topic, WireSerde.findings(), 1).get(0);
    assertThat(got.value()).isEqualTo(finding);
    assertThat(CloudEventHeaders.readFrom(got.headers())).isEqualTo(ce);
  }

  @Test
  void aPoisonRecordSurfacesAsATypedErrorWithItsOffsetAndCanBeSkipped(KafkaCluster kafka) {
    String topic = "serde-it.poison";
    kafka.createTopic(topic, 1);
    Map<String, Object> props = kafka.producerProps();
    try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props)) {
      raw.send(
          new ProducerRecord<>(
              topic,
              "k1",
              "{\"schema\":\"meshwarden.io/facts/v9\"}".getBytes(StandardCharsets.UTF_8)));
      raw.send(
          new ProducerRecord<>(
              topic, "k2", WireCodec.encode(SampleRecords.everyFactKind().get(0))));
    }

    Map<String, Object> c = kafka.consumerProps("serde-it-poison");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    try (KafkaConsumer<String, ObjectFacts> consumer =
        new KafkaConsumer<>(c, new StringDeserializer(), WireSerde.facts())) {
      consumer.subscribe(List.of(topic));
      RecordDeserializationException error =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> pollForError(consumer), e -> e != null);

      assertThat(error.getCause()).isInstanceOf(UnsupportedSchemaException.class);
      assertThat(error.offset()).isZero();
      consumer.seek(error.topicPartition(), error.offset() + 1);
      List<ObjectFacts> after = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> after.add(r.value()));
                return !after.isEmpty();
              });
      assertThat(after).containsExactly(SampleRecords.everyFactKind().get(0));
    }
  }

  private static RecordDeserializationException pollForError(KafkaConsumer<String, ObjectFacts> c) {
    try {
      c.poll(Duration.ofMillis(200));
      return null;
    } catch (RecordDeserializationException e) {
      return e;
    }
  }

  private static <T> KafkaProducer<String, T> producer(KafkaCluster kafka, WireSerde<T> serde) {
    Map<String, Object> props = kafka.producerProps();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return new KafkaProducer<>(props, new StringSerializer(), serde.serializer());
  }

  private static <T> List<ConsumerRecord<String, T>> consume(
      KafkaCluster kafka, String topic, WireSerde<T> serde, int expected) {
    List<ConsumerRecord<String, T>> got = new ArrayList<>();
    try (KafkaConsumer<String, T> consumer =
        new KafkaConsumer<>(
            kafka.consumerProps(topic + "-reader"),
            new StringDeserializer(),
            serde.deserializer())) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(got::add);
                return got.size() >= expected;
              });
    }
    assertThat(got).as("records on %s", topic).hasSize(expected);
    return got;
  }
}
