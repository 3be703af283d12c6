package io.meshwarden.alerting.kafka;

import io.meshwarden.common.protocol.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Writes unreadable records to {@code <prefix>.dlq} with their original key and value, and headers
 * saying why and where from (the same names the reconciler uses), then waits for the
 * acknowledgement: the consumer commits past a poison record only once it is dead-lettered.
 */
public final class UnreadableProducer implements UnreadableSink {

  /** {@code MALFORMED} or {@code UNSUPPORTED_SCHEMA}. */
  public static final String REASON = "mw.error.reason";

  /** The error message. */
  public static final String ERROR = "mw.error.message";

  /** The topic the record was read from. */
  public static final String TOPIC = "mw.source.topic";

  /** Its partition, in decimal. */
  public static final String PARTITION = "mw.source.partition";

  /** Its offset, in decimal. */
  public static final String OFFSET = "mw.source.offset";

  /** The role that could not read it: {@code alerting}. */
  public static final String ROLE = "mw.source.role";

  private final String topic;
  private final Producer<String, byte[]> producer;

  public UnreadableProducer(String topic, Producer<String, byte[]> producer) {
    this.topic = topic;
    this.producer = producer;
  }

  @Override
  public void send(ConsumerRecord<String, byte[]> r, WireFormatException error) {
    ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, r.key(), r.value());
    Headers h = out.headers();
    put(h, REASON, error.reason().name());
    put(h, ERROR, error.getMessage() == null ? "" : error.getMessage());
    put(h, TOPIC, r.topic());
    put(h, PARTITION, Integer.toString(r.partition()));
    put(h, OFFSET, Long.toString(r.offset()));
    put(h, ROLE, "alerting");
    try {
      producer.send(out).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering a record", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write to " + topic + ": " + e, e);
    }
  }

  private static void put(Headers h, String key, String value) {
    h.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
