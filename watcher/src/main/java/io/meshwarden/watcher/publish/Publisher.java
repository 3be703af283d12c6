package io.meshwarden.watcher.publish;

import io.meshwarden.common.topics.NamespacePartitioner;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.watcher.WatcherMetrics;
import io.meshwarden.watcher.index.FactIndex;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops {@link LeaderTerm}s as leadership comes and goes: one transactional producer per
 * term, all with the transactional id {@code <prefix>-watcher-<cluster>}, so each new term fences
 * the one before it wherever that one still runs.
 */
public final class Publisher {

  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  /**
   * Kafka settings for the publisher.
   *
   * @param producer base producer properties (bootstrap, security, acks=all, idempotence)
   * @param consumer base consumer properties for reading back the published state
   */
  public record KafkaClients(Properties producer, Properties consumer) {}

  private final KafkaClients clients;
  private final FactIndex index;
  private final TopicNames names;
  private final String cluster;
  private final String identity;
  private final LeaderTerm.Batching batching;
  private final Duration recoveryTimeout;
  private final WatcherMetrics metrics;
  private LeaderTerm term;
  private Thread thread;

  public Publisher(
      KafkaClients clients,
      FactIndex index,
      TopicNames names,
      String cluster,
      String identity,
      LeaderTerm.Batching batching,
      Duration recoveryTimeout,
      WatcherMetrics metrics) {
    this.clients = clients;
    this.index = index;
    this.names = names;
    this.cluster = cluster;
    this.identity = identity;
    this.batching = batching;
    this.recoveryTimeout = recoveryTimeout;
    this.metrics = metrics;
  }

  /** The transactional id every replica of this cluster's watcher shares. */
  public String transactionalId() {
    return names.prefix() + "-watcher-" + cluster;
  }

  /** Starts a term; {@code onFatal} runs (on the term's thread) if it is fenced or fails. */
  public synchronized void startTerm(Runnable onFatal) {
    stopTerm();
    term =
        new LeaderTerm(
            newProducer(),
            new TopicReader(clients.consumer(), metrics, recoveryTimeout),
            index,
            names,
            cluster,
            batching,
            metrics,
            onFatal);
    thread = new Thread(term, "watcher-publisher");
    thread.start();
    LOG.info("Publishing as {} with transactional id {}", identity, transactionalId());
  }

  /** Stops the current term, if any, and waits for its thread. */
  public synchronized void stopTerm() {
    if (term == null) {
      return;
    }
    term.stop();
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    term = null;
    thread = null;
  }

  /** Whether a term has recovered and is streaming changes. */
  public synchronized boolean publishing() {
    return term != null && term.publishing();
  }

  private Producer<String, byte[]> newProducer() {
    Properties p = new Properties();
    p.putAll(clients.producer());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "meshwarden-watcher-" + cluster + "-" + identity);
    // Everything about one namespace to one partition, so one reconciler shard sees it whole.
    p.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, NamespacePartitioner.class.getName());
    // Batches are already formed per transaction; a little linger packs requests tighter.
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>((Map) p, new StringSerializer(), new ByteArraySerializer());
  }
}
