package io.meshwarden.alerting.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.alerting.delivery.DeadLetter;
import io.meshwarden.alerting.grouping.Notification;
import io.meshwarden.common.kafka.DeadLetters;
import io.meshwarden.common.protocol.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Both of alerting's dead-letter paths carry the header names every role shares. */
class DeadLetterHeadersTest {

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

  @Test
  void unreadableRecordKeepsKeyAndValueAndSaysWhyAndWhereFrom() {
    byte[] value = "{not json".getBytes(StandardCharsets.UTF_8);
    ConsumerRecord<String, byte[]> read = new ConsumerRecord<>("mw.findings", 2, 41L, "k", value);

    new UnreadableProducer("mw.dlq", producer)
        .send(read, new MalformedRecordException("not JSON", null));

    ProducerRecord<String, byte[]> sent = producer.history().get(0);
    assertThat(sent.topic()).isEqualTo("mw.dlq");
    assertThat(sent.key()).isEqualTo("k");
    assertThat(sent.value()).isEqualTo(value);
    assertThat(DeadLetters.missing(sent.headers())).isEmpty();
    assertThat(text(sent.headers(), DeadLetters.REASON)).isEqualTo("MALFORMED");
    assertThat(text(sent.headers(), DeadLetters.ERROR)).contains("not JSON");
    assertThat(text(sent.headers(), DeadLetters.ROLE)).isEqualTo("alerting");
    assertThat(text(sent.headers(), DeadLetters.TOPIC)).isEqualTo("mw.findings");
    assertThat(text(sent.headers(), DeadLetters.PARTITION)).isEqualTo("2");
    assertThat(text(sent.headers(), DeadLetters.OFFSET)).isEqualTo("41");
  }

  @Test
  void undeliverableNotificationSaysWhyAndForWhichReceiver() throws Exception {
    Notification n =
        new Notification("id-1", "pager", "{}", "h1", Map.of(), List.of(), Instant.EPOCH);
    DeadLetter letter =
        new DeadLetter(
            DeadLetter.SCHEMA, "pager", 0, n, "HTTP 400", 3, Instant.EPOCH, Instant.EPOCH);

    new DeadLetterProducer("mw.alerts.dlq", producer).write(letter);

    ProducerRecord<String, byte[]> sent = producer.history().get(0);
    assertThat(sent.key()).isEqualTo("pager/h1");
    assertThat(DeadLetters.missing(sent.headers())).isEmpty();
    assertThat(text(sent.headers(), DeadLetters.REASON)).isEqualTo(DeadLetters.UNDELIVERABLE);
    assertThat(text(sent.headers(), DeadLetters.ERROR)).isEqualTo("HTTP 400");
    assertThat(text(sent.headers(), DeadLetters.ROLE)).isEqualTo("alerting");
    assertThat(text(sent.headers(), DeadLetters.RECEIVER)).isEqualTo("pager");
    assertThat(sent.headers().lastHeader("mw_error")).as("the old name is gone").isNull();
  }

  private static String text(Headers headers, String key) {
    return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
