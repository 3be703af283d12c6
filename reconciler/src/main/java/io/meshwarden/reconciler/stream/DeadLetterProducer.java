package io.meshwarden.reconciler.stream;

import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global mesh updater's dead-letter path: an idempotent producer outside Streams' transactions
 * (the global thread has none). At least once: a state wipe re-reads the mesh topic and may report
 * a poison record again.
 */
public final class DeadLetterProducer implements DeadLetterSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProducer.class);

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  /** A producer from {@code props} (from {@code KafkaSettings.producerProps}). */
  public DeadLetterProducer(Properties props, String topic) {
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  @Override
  public void send(String key, byte[] value, Headers headers) {
    producer.send(
        new ProducerRecord<>(topic, null, key, value, headers),
        (meta, error) -> {
          if (error != null) {
            LOG.error("Could not write a dead letter to {}", topic, error);
          }
        });
  }

  @Override
  public void close() {
    producer.close();
  }
}
