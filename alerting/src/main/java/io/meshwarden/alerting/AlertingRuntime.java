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
import io.meshwarden.alerting.kafka.Input;
import io.meshwarden.alerting.kafka.LedgerStore;
import io.meshwarden.alerting.kafka.UnreadableProducer;
import io.meshwarden.alerting.kafka.UnreadableSink;
import io.meshwarden.alerting.model.AlertFactory;
import io.meshwarden.alerting.model.NoticeFactory;
import io.meshwarden.common.topics.TopicNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Wires one alerting instance by hand: producer, consumers, ledger, delivery, the consumer threads
 * (findings and remediation records) and the dead-letter depth probe; {@link #close()} stops them
 * in reverse order.
 */
public final class AlertingRuntime implements AutoCloseable {

  private final Producer<String, byte[]> producer;
  private final DeliveryService delivery;
  private final AlertingService findings;
  private final AlertingService remediations;
  private final DlqDepthProbe depth;
  private final List<Thread> threads;

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
    Properties readerProps = config.kafka().consumerProps(instance + "-ledger", "unused");
    readerProps.remove("group.id");
    UnreadableSink unreadable = new UnreadableProducer(topics.names().deadLetter(), producer);
    AlertFactory alerts =
        new AlertFactory(config.runbookBaseUrl(), config.externalUrl() + "/findings");
    NoticeFactory notices = new NoticeFactory(config.externalUrl() + "/remediations");
    OffsetTracker findingOffsets = new OffsetTracker();
    OffsetTracker noticeOffsets = new OffsetTracker();
    // Two consumers in one group, one per topic: findings are a table re-read on assignment,
    // remediations an event log read on; each has its own dispatcher, offsets and thread.
    this.findings =
        new AlertingService(
            new AlertingService.Parts(
                consumer(config, instance),
                topics.findings(),
                Input.FINDINGS,
                new Dispatcher(config.routing(), findingOffsets),
                findingOffsets,
                new LedgerStore(topics.state(), producer, readerProps),
                delivery,
                alerts,
                notices,
                unreadable,
                metrics),
            config.timing(),
            clock);
    this.remediations =
        new AlertingService(
            new AlertingService.Parts(
                consumer(config, instance + "-remediations"),
                topics.remediations(),
                Input.REMEDIATIONS,
                Dispatcher.forNotices(config.routing(), noticeOffsets),
                noticeOffsets,
                new LedgerStore(topics.state(), producer, readerProps),
                delivery,
                alerts,
                notices,
                unreadable,
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
    this.threads =
        List.of(
            new Thread(findings, "alerting-findings"),
            new Thread(remediations, "alerting-remediations"));
  }

  /** Starts the consumer thread and the depth probe. */
  public AlertingRuntime start() {
    threads.forEach(Thread::start);
    depth.start();
    return this;
  }

  /** Whether the consumer loop runs and has polled. */
  public boolean ready() {
    return threads.stream().allMatch(Thread::isAlive) && findings.ready() && remediations.ready();
  }

  /** Stops as a crash would: no final commit or ledger flush (for tests). */
  public void kill() {
    findings.kill();
    remediations.kill();
    delivery.close();
    join();
    depth.close();
    producer.close(Duration.ZERO);
  }

  @Override
  public void close() {
    findings.stop();
    remediations.stop();
    join();
    delivery.close();
    depth.close();
    producer.close(Duration.ofSeconds(5));
  }

  private void join() {
    try {
      for (Thread t : threads) {
        t.join(Duration.ofSeconds(30).toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(AlertingConfig config, String clientId) {
    return new KafkaConsumer<>(
        config.kafka().consumerProps(clientId, config.groupId()),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  static Producer<String, byte[]> createProducer(AlertingConfig config, String clientId) {
    Properties props = config.kafka().producerProps(clientId, null);
    // Ledger intents are flushed before every send: keep the batching wait short.
    props.put("linger.ms", "1");
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }
}
