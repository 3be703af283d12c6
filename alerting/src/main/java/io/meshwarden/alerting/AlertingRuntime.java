package io.meshwarden.alerting;

import io.meshwarden.alerting.delivery.DeliveryService;
import io.meshwarden.alerting.delivery.HttpTransport;
import io.meshwarden.alerting.grouping.Dispatcher;
import io.meshwarden.alerting.grouping.OffsetTracker;
import io.meshwarden.alerting.kafka.AlertTopics;
import io.meshwarden.alerting.kafka.AlertingMetrics;
import io.meshwarden.alerting.kafka.AlertingService;
import io.meshwarden.alerting.kafka.DeadLetterProducer;
import io.meshwarden.alerting.kafka.DlqDepthProbe;
import io.meshwarden.alerting.kafka.LedgerStore;
import io.meshwarden.alerting.model.AlertFactory;
import io.meshwarden.common.topics.TopicNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Wires one alerting instance by hand: producer, consumer, ledger, delivery, the consumer thread
 * and the dead-letter depth probe; {@link #close()} stops them in reverse order.
 */
public final class AlertingRuntime implements AutoCloseable {

  private final Producer<String, byte[]> producer;
  private final DeliveryService delivery;
  private final AlertingService service;
  private final DlqDepthProbe depth;
  private final Thread thread;

  public AlertingRuntime(
      AlertingConfig config, HttpTransport transport, MeterRegistry registry, Clock clock) {
    AlertTopics topics = new AlertTopics(new TopicNames(config.topicPrefix()));
    String instance = config.groupId() + "-" + ProcessHandle.current().pid();
    this.producer = createProducer(config, instance);
    this.delivery =
        new DeliveryService(
            config.routing(),
            config.externalUrl(),
            transport,
            new DeadLetterProducer(topics.deadLetters(), producer),
            registry,
            clock);
    AlertingMetrics metrics = new AlertingMetrics(registry);
    OffsetTracker offsets = new OffsetTracker();
    Properties readerProps = config.kafka().consumerProps(instance + "-ledger", "unused");
    readerProps.remove("group.id");
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            config.kafka().consumerProps(instance, config.groupId()),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    this.service =
        new AlertingService(
            new AlertingService.Parts(
                consumer,
                topics.findings(),
                new Dispatcher(config.routing(), offsets),
                offsets,
                new LedgerStore(topics.state(), producer, readerProps),
                delivery,
                new AlertFactory(config.runbookBaseUrl(), config.externalUrl() + "/findings"),
                metrics),
            config.timing(),
            clock);
    this.depth =
        new DlqDepthProbe(
            config.kafka().adminProps(instance + "-admin"),
            topics.deadLetters(),
            ReplayDlq.groupId(config.groupId()),
            metrics,
            config.dlqDepthInterval());
    this.thread = new Thread(service, "alerting-consumer");
  }

  /** Starts the consumer thread and the depth probe. */
  public AlertingRuntime start() {
    thread.start();
    depth.start();
    return this;
  }

  /** Whether the consumer loop runs and has polled. */
  public boolean ready() {
    return thread.isAlive() && service.ready();
  }

  /** Stops as a crash would: no final commit or ledger flush (for tests). */
  public void kill() {
    service.kill();
    delivery.close();
    join();
    depth.close();
    producer.close(Duration.ZERO);
  }

  @Override
  public void close() {
    service.stop();
    join();
    delivery.close();
    depth.close();
    producer.close(Duration.ofSeconds(5));
  }

  private void join() {
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Producer<String, byte[]> createProducer(AlertingConfig config, String clientId) {
    Properties props = config.kafka().producerProps(clientId, null);
    // Ledger intents are flushed before every send: keep the batching wait short.
    props.put("linger.ms", "1");
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }
}
