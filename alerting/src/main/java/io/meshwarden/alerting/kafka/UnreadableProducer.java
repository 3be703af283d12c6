package io.meshwarden.alerting.kafka;

import io.meshwarden.common.kafka.DeadLetters;
import io.meshwarden.common.protocol.WireFormatException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Writes unreadable records to {@code <prefix>.dlq} with their original key and value, and headers
 * saying why and where from ({@link DeadLetters}, as every role), then waits for the
 * acknowledgement: the consumer commits past a poison record only once it is dead-lettered.
 */
public final class UnreadableProducer implements UnreadableSink {

  /** The role named in {@link DeadLetters#ROLE}. */
  static final String ROLE = "alerting";

  private final String topic;
  private final Producer<String, byte[]> producer;

  public UnreadableProducer(String topic, Producer<String, byte[]> producer) {
    this.topic = topic;
    this.producer = producer;
  }

  @Override
  public void send(ConsumerRecord<String, byte[]> r, WireFormatException error) {
    Headers h =
        DeadLetters.headers(
            error.reason().name(), error.getMessage(), r.topic(), r.partition(), r.offset(), ROLE);
    ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, null, r.key(), r.value(), h);
    try {
      producer.send(out).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering a record", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write to " + topic + ": " + e, e);
    }
  }
}
