package io.meshwarden.watcher;

import io.meshwarden.common.http.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The watcher's meters. Tags are bounded: {@code kind} (one of the watched kinds), {@code topic}
 * ({@code objects} or {@code mesh}), {@code type} ({@code value} or {@code tombstone}); never an
 * object's name.
 */
public final class WatcherMetrics {

  private final MeterRegistry registry;
  private final Clock clock;
  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final AtomicInteger leader = new AtomicInteger();
  private final AtomicLong lastPublishMillis = new AtomicLong();
  private final Timer publishLatency;
  private final DistributionSummary transactionSize;
  private final Timer recoveryTime;

  public WatcherMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    Gauge.builder(Meters.name("leader.election.master.status"), leader, AtomicInteger::get)
        .description("1 while this replica leads its cluster's watchers, else 0")
        .tag("name", "watcher")
        .register(registry);
    Gauge.builder(
            Meters.name("watcher.last.publish.timestamp.seconds"),
            lastPublishMillis,
            v -> v.get() / 1000.0)
        .description("Unix time of the last committed publication (0 before the first)")
        .register(registry);
    publishLatency =
        Timer.builder(Meters.name("watcher.publish.latency"))
            .description("From the watcher observing a change to Kafka acknowledging its record")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    transactionSize =
        DistributionSummary.builder(Meters.name("watcher.transaction.records"))
            .description("Records per committed transaction")
            .register(registry);
    recoveryTime =
        Timer.builder(Meters.name("watcher.recovery.duration"))
            .description("Reading the published state and diffing it when becoming leader")
            .register(registry);
  }

  /** Registers a gauge of keys waiting to be published (the workqueue depth). */
  public void dirtyKeys(Supplier<Number> depth) {
    Gauge.builder(Meters.name("watcher.workqueue.depth"), depth)
        .description("Fact keys changed and not yet published")
        .register(registry);
  }

  /** Registers a gauge of informers that have synced. */
  public void syncedInformers(Supplier<Number> synced) {
    Gauge.builder(Meters.name("watcher.informers.synced"), synced)
        .description("Informers whose initial list has completed")
        .register(registry);
  }

  public void received(String kind) {
    count("watcher.events.received", "API events received (adds, updates, deletes)", "kind", kind);
  }

  public void changed(String kind) {
    count(
        "watcher.facts.changed",
        "Events whose facts changed (queued for publication)",
        "kind",
        kind);
  }

  public void suppressed(String kind) {
    count(
        "watcher.facts.suppressed",
        "Events dropped because their facts did not change",
        "kind",
        kind);
  }

  public void invalid(String kind) {
    count("watcher.objects.invalid", "Objects that could not be projected", "kind", kind);
  }

  public void oversizeValuesDropped(String kind, int n) {
    counter(
            "watcher.oversize.values.dropped",
            "Label or annotation entries too large to keep",
            "kind",
            kind)
        .increment(n);
  }

  public void published(String topic, boolean tombstone, Instant observedAt) {
    count(
        "watcher.records.published",
        "Records committed to Kafka",
        "topic",
        topic,
        "type",
        tombstone ? "tombstone" : "value");
    if (observedAt != null) {
      publishLatency.record(Duration.between(observedAt, clock.instant()).abs());
    }
  }

  public void publishSuppressed() {
    count("watcher.publish.unchanged", "Dirty keys whose published value was already current");
  }

  public void committed(int records) {
    transactionSize.record(records);
    lastPublishMillis.set(clock.millis());
  }

  public void aborted() {
    count("watcher.transactions.aborted", "Transactions aborted after a retriable error");
  }

  public void fenced() {
    count("watcher.fenced", "Times this replica found itself fenced by a newer leader");
  }

  public void unreadableRecord() {
    count("watcher.recovery.unreadable.records", "Published records recovery could not read");
  }

  public void leading(boolean isLeader) {
    if (leader.getAndSet(isLeader ? 1 : 0) != (isLeader ? 1 : 0)) {
      count("watcher.leadership.transitions", "Times this replica started or stopped leading");
    }
  }

  public Timer recoveryTime() {
    return recoveryTime;
  }

  private void count(String name, String description, String... tags) {
    counter(name, description, tags).increment();
  }

  private Counter counter(String name, String description, String... tags) {
    String id = name + String.join(",", tags);
    return counters.computeIfAbsent(
        id,
        k ->
            Counter.builder(Meters.name(name))
                .description(description)
                .tags(tags)
                .register(registry));
  }
}
