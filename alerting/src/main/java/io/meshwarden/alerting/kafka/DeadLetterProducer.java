package io.meshwarden.alerting.kafka;

import io.meshwarden.alerting.delivery.DeadLetter;
import io.meshwarden.alerting.delivery.DeadLetterSink;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes dead letters to {@code <prefix>.alerts.dlq} and waits for the acknowledgement. */
public final class DeadLetterProducer implements DeadLetterSink {

  private final String topic;
  private final Producer<String, byte[]> producer;

  public DeadLetterProducer(String topic, Producer<String, byte[]> producer) {
    this.topic = topic;
    this.producer = producer;
  }

  @Override
  public void write(DeadLetter letter) throws Exception {
    ProducerRecord<String, byte[]> r =
        new ProducerRecord<>(topic, letter.key(), Codec.encode(letter));
    r.headers().add("mw_error", letter.error().getBytes(StandardCharsets.UTF_8));
    r.headers().add("mw_receiver", letter.receiver().getBytes(StandardCharsets.UTF_8));
    producer.send(r).get(30, TimeUnit.SECONDS);
  }

  /** Decodes a dead letter read back from the topic. */
  public static DeadLetter decode(byte[] value) {
    return Codec.decode(value, DeadLetter.class);
  }
}
