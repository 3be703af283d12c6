package io.meshwarden.alerting.kafka;

import io.meshwarden.alerting.delivery.DeadLetter;
import io.meshwarden.alerting.delivery.DeadLetterSink;
import io.meshwarden.common.kafka.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Writes dead letters to {@code <prefix>.alerts.dlq}, with the {@link DeadLetters#REQUIRED} headers
 * (reason {@code UNDELIVERABLE}) and {@link DeadLetters#RECEIVER}, and waits for the
 * acknowledgement.
 */
public final class DeadLetterProducer implements DeadLetterSink {

  private final String topic;
  private final Producer<String, byte[]> producer;

  public DeadLetterProducer(String topic, Producer<String, byte[]> producer) {
    this.topic = topic;
    this.producer = producer;
  }

  @Override
  public void write(DeadLetter letter) throws Exception {
    Headers h =
        DeadLetters.headers(DeadLetters.UNDELIVERABLE, letter.error(), UnreadableProducer.ROLE);
    h.add(DeadLetters.RECEIVER, letter.receiver().getBytes(StandardCharsets.UTF_8));
    ProducerRecord<String, byte[]> r =
        new ProducerRecord<>(topic, null, letter.key(), Codec.encode(letter), h);
    producer.send(r).get(30, TimeUnit.SECONDS);
  }

  /** Decodes a dead letter read back from the topic. */
  public static DeadLetter decode(byte[] value) {
    return Codec.decode(value, DeadLetter.class);
  }
}
