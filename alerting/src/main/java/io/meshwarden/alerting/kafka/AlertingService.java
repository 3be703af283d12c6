package io.meshwarden.alerting.kafka;

import io.meshwarden.alerting.delivery.DeliveryService;
import io.meshwarden.alerting.delivery.ReceiverChannel;
import io.meshwarden.alerting.grouping.Dispatcher;
import io.meshwarden.alerting.grouping.LedgerChange;
import io.meshwarden.alerting.grouping.OffsetTracker;
import io.meshwarden.alerting.grouping.RecordRef;
import io.meshwarden.alerting.model.AlertFactory;
import io.meshwarden.alerting.model.NoticeFactory;
import io.meshwarden.common.logging.LogContext;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.RemediationRecord;
import io.meshwarden.common.protocol.WireFormatException;
import io.meshwarden.common.protocol.WireSerde;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread: reads findings (or remediation records, see {@link Input}), routes and
 * groups them, hands due notifications to delivery, writes the ledger and commits offsets. One loop
 * turn reads → applies → records completions → dispatches what is due → commits.
 *
 * <p>On assignment it restores the ledger of the assigned partitions and reads them from the
 * beginning (the findings topic is compacted: a table of current findings), so groups are rebuilt
 * level-triggered and only what the ledger says was not yet told is sent. Records below the
 * committed offset rebuild state only; records above it are held until every notification they
 * caused is delivered or dead-lettered, and only then does the committed offset pass them.
 */
public final class AlertingService implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertingService.class);

  /**
   * Timing of the loop.
   *
   * @param noticeMaxAge remediation records older than this (by their Kafka timestamp) are passed
   *     over without a notice, so a new group does not announce weeks of history
   */
  public record Timing(
      Duration tick, Duration commitInterval, Duration revokeTimeout, Duration noticeMaxAge) {}

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final Input input;
  private final Dispatcher dispatcher;
  private final OffsetTracker offsets;
  private final LedgerStore ledger;
  private final DeliveryService delivery;
  private final AlertFactory alerts;
  private final NoticeFactory notices;
  private final UnreadableSink unreadable;
  private final AlertingMetrics metrics;
  private final Timing timing;
  private final Clock clock;
  private final WireSerde<Finding> findingSerde = WireSerde.findings();
  private final WireSerde<RemediationRecord> recordSerde = WireSerde.remediationRecords();
  private final ConcurrentLinkedQueue<ReceiverChannel.Completion> completions =
      new ConcurrentLinkedQueue<>();
  private final Map<Integer, Long> rebuildUntil = new HashMap<>();
  private volatile boolean running = true;
  private volatile boolean killed;
  private volatile boolean ready;
  private Instant lastCommit = Instant.EPOCH;

  /**
   * The collaborators; the service owns the consumer and closes it.
   *
   * @param dispatcher a {@linkplain Dispatcher#forNotices notice dispatcher} for {@link
   *     Input#REMEDIATIONS}
   */
  public record Parts(
      Consumer<String, byte[]> consumer,
      String topic,
      Input input,
      Dispatcher dispatcher,
      OffsetTracker offsets,
      LedgerStore ledger,
      DeliveryService delivery,
      AlertFactory alerts,
      NoticeFactory notices,
      UnreadableSink unreadable,
      AlertingMetrics metrics) {}

  public AlertingService(Parts parts, Timing timing, Clock clock) {
    this.consumer = parts.consumer();
    this.topic = parts.topic();
    this.input = parts.input();
    this.dispatcher = parts.dispatcher();
    this.offsets = parts.offsets();
    this.ledger = parts.ledger();
    this.delivery = parts.delivery();
    this.alerts = parts.alerts();
    this.notices = parts.notices();
    this.unreadable = parts.unreadable();
    this.metrics = parts.metrics();
    this.timing = timing;
    this.clock = clock;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic), new Rebalance());
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timing.tick())) {
          handle(r);
        }
        ready = true;
        recordCompletions();
        dispatchDue();
        maybeCommit(false);
      }
      if (!killed) {
        recordCompletions();
        ledger.flush();
        maybeCommit(true);
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("Alerting consumer loop failed: {}", e.toString(), e);
      throw e;
    } finally {
      ready = false;
      consumer.close(Duration.ZERO);
    }
  }

  /** Asks the loop to stop after its current turn (graceful: it commits what is done). */
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  /**
   * Stops at once without recording completions, flushing or committing: what a crash leaves behind
   * (tests use it; the consumer still leaves its group so a successor starts quickly).
   */
  public void kill() {
    killed = true;
    running = false;
    consumer.wakeup();
  }

  /** Whether the loop has polled since it started. */
  public boolean ready() {
    return ready;
  }

  private void handle(ConsumerRecord<String, byte[]> r) {
    Instant now = clock.instant();
    Long until = rebuildUntil.get(r.partition());
    RecordRef ref =
        until != null && r.offset() < until
            ? null
            : new RecordRef(r.topic(), r.partition(), r.offset());
    if (input == Input.FINDINGS) {
      handleFinding(r, ref, now);
    } else {
      handleRemediation(r, ref, now);
    }
  }

  private void handleFinding(ConsumerRecord<String, byte[]> r, RecordRef ref, Instant now) {
    WireSerde.Decoded<Finding> decoded = findingSerde.tryDecode(r.value());
    if (decoded instanceof WireSerde.Decoded.Failed<Finding> failed) {
      deadLetter(r, ref, failed.error());
      return;
    }
    Finding f = ((WireSerde.Decoded.Ok<Finding>) decoded).value();
    if (f == null) {
      dispatcher.remove(r.key(), ref, now);
      return;
    }
    try (LogContext.Scope s =
        LogContext.object(f.subject().namespace(), f.subject().kind(), f.subject().name())
            .put(LogContext.CLUSTER, f.cluster())
            .put(LogContext.RULE, f.code())) {
      dispatcher.apply(alerts.fromFinding(f, now), r.partition(), ref, now);
    }
  }

  private void handleRemediation(ConsumerRecord<String, byte[]> r, RecordRef ref, Instant now) {
    WireSerde.Decoded<RemediationRecord> decoded = recordSerde.tryDecode(r.value());
    if (decoded instanceof WireSerde.Decoded.Failed<RemediationRecord> failed) {
      deadLetter(r, ref, failed.error());
      return;
    }
    RemediationRecord rec = ((WireSerde.Decoded.Ok<RemediationRecord>) decoded).value();
    boolean stale =
        r.timestamp() >= 0
            && Instant.ofEpochMilli(r.timestamp()).isBefore(now.minus(timing.noticeMaxAge()));
    if (rec == null || stale) {
      if (ref != null) {
        offsets.consumed(ref, 0);
      }
      return;
    }
    try (LogContext.Scope s =
        LogContext.object(rec.target().namespace(), rec.target().kind(), rec.target().name())
            .put(LogContext.CLUSTER, rec.cluster())
            .put(LogContext.REQUEST_ID, rec.requestId())) {
      dispatcher.apply(notices.fromRecord(rec, now), r.partition(), ref, now);
    }
  }

  /** A poison record: to {@code <prefix>.dlq}, counted, and only then done. */
  private void deadLetter(ConsumerRecord<String, byte[]> r, RecordRef ref, WireFormatException e) {
    if (ref == null) {
      return; // below the committed offset: dead-lettered when it was first read
    }
    LOG.warn(
        "Dead-lettering unreadable record at {}-{}@{} ({}): {}",
        r.topic(),
        r.partition(),
        r.offset(),
        e.reason(),
        e.getMessage());
    unreadable.send(r, e);
    metrics.unreadable(input);
    offsets.consumed(ref, 0);
  }

  private void recordCompletions() {
    ReceiverChannel.Completion c;
    boolean any = false;
    while ((c = completions.poll()) != null) {
      ledger.write(dispatcher.completed(c.dispatch(), clock.instant()));
      any = true;
    }
    if (any) {
      ledger.flush();
    }
  }

  private void dispatchDue() {
    Dispatcher.Step step = dispatcher.due(clock.instant());
    // Intents first: once the ids are durable, a crash resends the same notification, not a new
    // one.
    ledger.write(step.changes());
    ledger.flush();
    step.dispatches().forEach(d -> delivery.submit(d, completions::add));
    metrics.openGroups(dispatcher.openGroups());
  }

  private void maybeCommit(boolean force) {
    Instant now = clock.instant();
    if (!force && now.isBefore(lastCommit.plus(timing.commitInterval()))) {
      return;
    }
    lastCommit = now;
    Map<Integer, Long> positions = offsets.committable().getOrDefault(topic, Map.of());
    Set<TopicPartition> owned = consumer.assignment();
    Map<TopicPartition, OffsetAndMetadata> commit =
        positions.entrySet().stream()
            .map(e -> Map.entry(new TopicPartition(topic, e.getKey()), e.getValue()))
            .filter(e -> owned.contains(e.getKey()))
            .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
    if (!commit.isEmpty()) {
      consumer.commitSync(commit);
      purgeNotices(positions);
    }
  }

  /** Notices below the committed offsets are never read again: their ledger entries go. */
  private void purgeNotices(Map<Integer, Long> committed) {
    if (input == Input.REMEDIATIONS) {
      List<LedgerChange> gone = dispatcher.purgeNotices(committed);
      if (!gone.isEmpty()) {
        ledger.write(gone);
        ledger.flush();
      }
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      Set<Integer> ids =
          partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
      boolean table = input == Input.FINDINGS;
      ledger.read(ids, !table, Duration.ofSeconds(30)).forEach(dispatcher::restore);
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
      Map<Integer, Long> from = new HashMap<>();
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata o = committed.get(tp);
        from.put(tp.partition(), o == null ? 0L : o.offset());
      }
      if (table) {
        rebuildUntil.putAll(from);
        consumer.seekToBeginning(partitions);
      } else {
        purgeNotices(from); // a crash after a commit can leave entries that are done
      }
      LOG.info(
          "Assigned {} partitions {}; ledger restored ({} entries)",
          topic,
          ids,
          dispatcher.ledgerSize());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      long deadline = System.nanoTime() + timing.revokeTimeout().toNanos();
      while (delivery.inFlight() > 0 && System.nanoTime() < deadline && running) {
        recordCompletions();
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
      recordCompletions();
      ledger.flush();
      maybeCommit(true);
      Set<Integer> ids =
          partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
      dispatcher.revoke(ids);
      ids.forEach(
          p -> {
            offsets.forget(topic, p);
            rebuildUntil.remove(p);
          });
      LOG.info("Revoked {} partitions {}", topic, ids);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      Set<Integer> ids =
          partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
      dispatcher.revoke(ids);
      ids.forEach(p -> offsets.forget(topic, p));
    }
  }
}
