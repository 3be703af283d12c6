package io.meshwarden.watcher.publish;

import io.meshwarden.common.kafka.KafkaErrors;
import io.meshwarden.common.logging.LogContext;
import io.meshwarden.common.protocol.FactKeys;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.WireCodec;
import io.meshwarden.common.retry.ExponentialBackoff;
import io.meshwarden.common.retry.ItemExponentialRateLimiter;
import io.meshwarden.common.retry.RateLimiter;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.watcher.WatcherMetrics;
import io.meshwarden.watcher.index.FactIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leadership term of the publisher: observe → recover → publish, on its own thread.
 *
 * <ol>
 *   <li>{@code initTransactions()} with the transactional id every replica shares: Kafka fences any
 *       earlier leader's producer, so a deposed leader that still runs cannot write.
 *   <li>Recover: read what the compacted topics hold, then mark every key that either the topics or
 *       the informer caches know as dirty. Events that arrive meanwhile just mark keys too.
 *   <li>Publish: drain dirty keys in batches, and in one transaction per batch write each key's
 *       <em>current</em> facts (or a tombstone) unless the topics already hold them.
 * </ol>
 *
 * <p>Fenced (ProducerFenced or InvalidProducerEpoch) or any other fatal error ends the term at once
 * and tells the owner, which gives up leadership; a retriable error aborts the transaction, puts
 * the batch back and tries again after a pause: {@code retryPause} at first, doubling while the
 * failures go on, at most {@link #MAX_RETRY_PAUSE}, and back to {@code retryPause} after a commit.
 */
public final class LeaderTerm implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(LeaderTerm.class);

  /** Batching knobs: transactions cost per commit, so batch by a short window. */
  public record Batching(int maxRecords, Duration window, Duration retryPause) {}

  /** The longest pause between failed transactions (unless {@code retryPause} is longer). */
  static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(30);

  /** The limiter's only key: a term retries one transaction at a time. */
  private static final String TRANSACTION = "transaction";

  private final Producer<String, byte[]> producer;
  private final TopicReader reader;
  private final FactIndex index;
  private final TopicNames names;
  private final String cluster;
  private final Batching batching;
  private final WatcherMetrics metrics;
  private final Runnable onFatal;
  private final RateLimiter<String> retryPauses;
  private volatile boolean stopping;
  private volatile boolean publishing;

  LeaderTerm(
      Producer<String, byte[]> producer,
      TopicReader reader,
      FactIndex index,
      TopicNames names,
      String cluster,
      Batching batching,
      WatcherMetrics metrics,
      Runnable onFatal) {
    this.producer = producer;
    this.reader = reader;
    this.index = index;
    this.names = names;
    this.cluster = cluster;
    this.batching = batching;
    this.metrics = metrics;
    this.onFatal = onFatal;
    Duration pause = batching.retryPause();
    this.retryPauses =
        new ItemExponentialRateLimiter<>(
            new ExponentialBackoff(
                pause, pause.compareTo(MAX_RETRY_PAUSE) > 0 ? pause : MAX_RETRY_PAUSE));
  }

  @Override
  public void run() {
    try (LogContext.Scope s = LogContext.scope().put(LogContext.CLUSTER, cluster)) {
      lead();
    }
  }

  private void lead() {
    try {
      producer.initTransactions();
      PublishedView view = recover();
      publishing = true;
      while (!stopping) {
        List<String> batch =
            index.dirty().drain(batching.maxRecords(), Duration.ofMillis(200), batching.window());
        if (!batch.isEmpty()) {
          publish(batch, view);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!stopping) {
        if (KafkaErrors.isFenced(e)) {
          metrics.fenced();
          LOG.warn("Fenced by a newer leader; giving up leadership");
        } else {
          LOG.error("Publishing failed and cannot recover; giving up leadership", e);
        }
        onFatal.run();
      }
    } finally {
      publishing = false;
      closeProducer();
    }
  }

  /** Closes the producer at once; an open transaction is aborted by the broker or the next term. */
  private void closeProducer() {
    // The owner interrupts this thread to stop it; Kafka's client refuses to close while the
    // interrupt flag is set, so clear it first and restore it after.
    boolean interrupted = Thread.interrupted();
    try {
      producer.close(Duration.ZERO);
    } catch (RuntimeException e) {
      LOG.debug("Closing the producer of an ended term: {}", e.toString());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether recovery finished and the term is streaming changes. */
  public boolean publishing() {
    return publishing;
  }

  /** Asks the term to end; the owner interrupts and joins its thread. */
  public void stop() {
    stopping = true;
  }

  private PublishedView recover() {
    long start = System.nanoTime();
    PublishedView view = reader.read(List.of(names.objects(cluster), names.mesh(cluster)));
    Set<String> keys = new HashSet<>(view.keys());
    keys.addAll(index.keys());
    index.dirty().markAll(keys);
    metrics.recoveryTime().record(Duration.ofNanos(System.nanoTime() - start));
    LOG.info(
        "Leading: {} keys published, {} in the caches; reconciling the difference",
        view.size(),
        index.size());
    return view;
  }

  private record Pending(String key, Long hash, ObjectFacts facts, String topic) {}

  private void publish(List<String> batch, PublishedView view) throws InterruptedException {
    List<Pending> pending = new ArrayList<>(batch.size());
    try {
      producer.beginTransaction();
      for (String key : batch) {
        ObjectFacts facts = index.get(key);
        Long hash = facts == null ? null : FactHash.of(facts);
        if (view.holds(key, hash)) {
          metrics.publishSuppressed();
          continue;
        }
        String topic = topicOf(key);
        producer.send(
            new ProducerRecord<>(topic, key, facts == null ? null : WireCodec.encode(facts)));
        pending.add(new Pending(key, hash, facts, topic));
      }
      producer.commitTransaction();
    } catch (KafkaException e) {
      if (stopping || KafkaErrors.classify(e) == KafkaErrors.Kind.FATAL) {
        throw e;
      }
      // A term retries for as long as it leads, so this is a warning every time.
      Duration pause = retryPauses.when(TRANSACTION);
      LOG.warn(
          "Publishing {} records failed ({}), {} times in a row; retrying in {} ms",
          pending.size(),
          e.toString(),
          retryPauses.retries(TRANSACTION),
          pause.toMillis());
      metrics.aborted();
      producer.abortTransaction();
      index.dirty().markAll(batch);
      TimeUnit.NANOSECONDS.sleep(pause.toNanos());
      return;
    }
    retryPauses.forget(TRANSACTION);
    for (Pending p : pending) {
      view.set(p.key(), p.hash());
      metrics.published(
          p.topic().endsWith(".mesh") ? "mesh" : "objects",
          p.facts() == null,
          p.facts() == null ? null : p.facts().meta().observedAt());
    }
    metrics.committed(pending.size());
  }

  private String topicOf(String key) {
    FactKind kind = FactKeys.parse(key).kind();
    return kind.topic() == FactKind.Topic.OBJECTS ? names.objects(cluster) : names.mesh(cluster);
  }
}
