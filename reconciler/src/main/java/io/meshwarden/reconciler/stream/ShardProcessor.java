package io.meshwarden.reconciler.stream;

import io.meshwarden.common.kafka.DeadLetters;
import io.meshwarden.common.logging.LogContext;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.core.lifecycle.Change;
import io.meshwarden.core.lifecycle.FindingLifecycle;
import io.meshwarden.core.lifecycle.Tracked;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceDigests;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.rules.RuleResult;
import io.meshwarden.reconciler.ReconcilerMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard (one partition of the objects topic). Reads like a list: ingest a fact and mark its
 * namespace dirty; on each wall-clock tick pull mesh changes, evaluate the due scopes and apply the
 * lifecycle, then open held findings and tombstone expired ones. The first tick after the task
 * starts (a start, restart or rebalance) rebuilds the in-memory indexes from the restored stores
 * and re-evaluates everything: level-triggered, so nothing depends on events lost with the old
 * owner. See {@code DESIGN.md}.
 */
final class ShardProcessor implements Processor<String, byte[], String, byte[]> {

  private static final Logger LOG = LoggerFactory.getLogger(ShardProcessor.class);
  private static final StringSerializer KEYS = new StringSerializer();

  private final StreamSettings settings;
  private final Clock clock;
  private final MeshCache mesh;
  private final DigestCache digests;
  private final ScopeEvaluator evaluator;
  private final FindingLifecycle lifecycle;
  private final ReconcilerMetrics metrics;
  private final WireSerde<ObjectFacts> serde = WireSerde.facts();
  private final int objectPartitions;
  private final Map<String, Long> openTally = new HashMap<>();
  private final Set<String> evaluated = new HashSet<>();

  private ProcessorContext<String, byte[]> context;
  private ShardFacts facts;
  private KeyValueStore<String, Tracked> findings;
  private ReadOnlyKeyValueStore<String, ObjectFacts> meshStore;
  private ReadOnlyKeyValueStore<String, byte[]> digestStore;
  private DigestPublisher digestPublisher;
  private ClusterGate clusterGate;
  private DirtyScopes dirty;
  private Deadlines deadlines;
  private int partition;
  private Emitter emitter;
  private boolean ownsMesh;
  private boolean started;
  private boolean synced;
  private long meshVersion;
  private long digestVersion;
  private Instant nextResync;

  ShardProcessor(
      StreamSettings settings,
      Clock clock,
      MeshCache mesh,
      DigestCache digests,
      ScopeEvaluator evaluator,
      FindingLifecycle lifecycle,
      ReconcilerMetrics metrics,
      int objectPartitions) {
    this.settings = settings;
    this.clock = clock;
    this.mesh = mesh;
    this.digests = digests;
    this.evaluator = evaluator;
    this.lifecycle = lifecycle;
    this.metrics = metrics;
    this.objectPartitions = objectPartitions;
  }

  /**
   * Starts (or restarts) the task. Streams calls this again on the same object when it revives a
   * task closed dirty (an aborted transaction), so everything kept in memory is rebuilt: the stores
   * were rolled back, and the first tick resyncs from them.
   */
  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    forgetTallies();
    this.started = false;
    this.synced = false;
    this.dirty = new DirtyScopes(settings.debounce());
    this.deadlines = new Deadlines(settings.lifecycle());
    this.context = context;
    this.facts = new ShardFacts(context.getStateStore(StoreNames.FACTS));
    this.findings = context.getStateStore(StoreNames.FINDINGS);
    this.meshStore = context.getStateStore(StoreNames.MESH);
    this.digestStore = context.getStateStore(StoreNames.DIGESTS);
    this.emitter = new Emitter(context, settings.cluster(), metrics);
    this.partition = context.taskId().partition();
    this.digestPublisher = new DigestPublisher(context, settings.cluster(), partition, metrics);
    // One shard evaluates the mesh and cluster rules, or every shard would publish the same
    // findings.
    this.ownsMesh = partition == 0;
    this.clusterGate = ownsMesh ? new ClusterGate(objectPartitions, metrics) : null;
    context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, t -> tickInContext());
  }

  /**
   * Streams runs this on a stream thread that other tasks share, so the log context is set for the
   * record and taken off again after it.
   */
  @Override
  public void process(Record<String, byte[]> record) {
    String namespace = ShardFacts.namespaceOf(record.key());
    try (LogContext.Scope s =
        LogContext.scope()
            .put(LogContext.CLUSTER, settings.cluster())
            .put(LogContext.NAMESPACE, namespace)) {
      process(record, namespace);
    }
  }

  private void process(Record<String, byte[]> record, String namespace) {
    if (namespace == null) {
      deadLetter(record, "MALFORMED_KEY", "not an objects-topic key: " + record.key());
      return;
    }
    WireSerde.Decoded<ObjectFacts> decoded = serde.tryDecode(record.value());
    if (decoded instanceof WireSerde.Decoded.Failed<ObjectFacts> failed) {
      deadLetter(record, failed.error().reason().name(), failed.error().getMessage());
      return;
    }
    ObjectFacts fact = ((WireSerde.Decoded.Ok<ObjectFacts>) decoded).value();
    if (fact == null) {
      facts.delete(record.key());
      dirty.mark(namespace, clock.instant(), null);
    } else {
      facts.put(record.key(), fact);
      dirty.mark(namespace, clock.instant(), fact.meta().observedAt());
    }
  }

  private void tickInContext() {
    try (LogContext.Scope s = LogContext.scope().put(LogContext.CLUSTER, settings.cluster())) {
      tick();
    }
  }

  private void tick() {
    Instant now = clock.instant();
    if (!started || !now.isBefore(nextResync)) {
      resync(now);
    }
    pullMeshChanges(now);
    pullDigestChanges(now);
    List<DirtyScopes.Due> due = dirty.takeDue(now);
    if (!due.isEmpty()) {
      MeshView view = mesh.viewAt(meshStore, now);
      for (DirtyScopes.Due d : due) {
        if (!ScopeEvaluator.CLUSTER_SCOPE.equals(d.scope()) || clusterReady()) {
          evaluate(d, view, now);
        }
      }
    }
    if (!synced) {
      // The resync above evaluated (and published the digest of) every namespace held.
      digestPublisher.markSynced(now);
      synced = true;
    }
    for (String key : deadlines.due(now)) {
      Tracked t = findings.get(key);
      if (t != null && !(t.phase() == Tracked.Phase.PENDING && held(scopeOf(key)))) {
        lifecycle.tick(key, t, now).ifPresent(c -> apply(c, t, now));
      }
    }
  }

  /** A PENDING finding of this scope must not open now: it is about to be (or cannot be) judged. */
  private boolean held(String scope) {
    return dirty.contains(scope) || (ScopeEvaluator.CLUSTER_SCOPE.equals(scope) && !clusterReady());
  }

  /**
   * Whether every shard has published its digests; until then cluster findings neither open nor
   * resolve (shard 0 only).
   */
  private boolean clusterReady() {
    return clusterGate.open(digests.synced(digestStore), digests.current(digestStore).values());
  }

  /** Everything this shard holds is due now; after a (re)start the indexes are rebuilt first. */
  private void resync(Instant now) {
    Set<String> scopes = new HashSet<>(facts.namespaces());
    try (KeyValueIterator<String, Tracked> it = findings.all()) {
      while (it.hasNext()) {
        KeyValue<String, Tracked> kv = it.next();
        scopes.add(scopeOf(kv.key));
        if (!started) {
          deadlines.update(kv.key, kv.value);
          tally(kv.value, 1);
        }
      }
    }
    // Digests this shard published for namespaces it no longer holds are tombstoned on evaluation.
    scopes.addAll(digests.heldBy(digestStore, partition));
    if (ownsMesh) {
      scopes.add(ScopeEvaluator.MESH_SCOPE);
      scopes.add(ScopeEvaluator.CLUSTER_SCOPE);
    }
    scopes.forEach(s -> dirty.markNow(s, now));
    if (!started) {
      LOG.info("Shard {} starts with {} scopes", context.taskId(), scopes.size());
      meshVersion = mesh.changes().version();
      digestVersion = digests.changes().version();
    }
    started = true;
    nextResync = now.plus(settings.resync());
  }

  private void pullMeshChanges(Instant now) {
    MeshChanges.Since since = mesh.changes().since(meshVersion);
    meshVersion = since.version();
    if (since.isEmpty()) {
      return;
    }
    if (since.everything()) {
      facts.namespaces().forEach(ns -> dirty.mark(ns, now, since.observedAt()));
    } else {
      Set<String> held = facts.namespaces();
      since.namespaces().stream()
          .filter(held::contains)
          .forEach(ns -> dirty.mark(ns, now, since.observedAt()));
    }
    if (ownsMesh) {
      dirty.mark(ScopeEvaluator.MESH_SCOPE, now, since.observedAt());
      // Services, gateways and service entries are on the mesh topic: cluster rules read them.
      dirty.mark(ScopeEvaluator.CLUSTER_SCOPE, now, since.observedAt());
    }
  }

  /** Any namespace's digest changed: the cluster rules are due (shard 0 only). */
  private void pullDigestChanges(Instant now) {
    MeshChanges.Since since = digests.changes().since(digestVersion);
    digestVersion = since.version();
    if (ownsMesh && !since.isEmpty()) {
      dirty.mark(ScopeEvaluator.CLUSTER_SCOPE, now, since.observedAt());
    }
  }

  private void evaluate(DirtyScopes.Due due, MeshView view, Instant now) {
    String scope = due.scope();
    boolean namespaced =
        !ScopeEvaluator.MESH_SCOPE.equals(scope) && !ScopeEvaluator.CLUSTER_SCOPE.equals(scope);
    try (LogContext.Scope s =
        LogContext.scope().put(LogContext.NAMESPACE, namespaced ? scope : null)) {
      evaluate(scope, due, view, now);
    }
  }

  private void evaluate(String scope, DirtyScopes.Due due, MeshView view, Instant now) {
    List<RuleResult> results = results(scope, view, now);
    evaluated.add(scope);
    Map<String, Tracked> current = new HashMap<>();
    try (KeyValueIterator<String, Tracked> it = findings.prefixScan(scope + "|", KEYS)) {
      while (it.hasNext()) {
        KeyValue<String, Tracked> kv = it.next();
        current.put(kv.key, kv.value);
      }
    }
    for (Change c :
        lifecycle.evaluate(current, fp -> scope + "|" + fp, results, now, due.observedAt())) {
      apply(c, current.get(c.key()), now);
    }
  }

  /** The rules' results for a scope; evaluating a namespace also publishes its digest. */
  private List<RuleResult> results(String scope, MeshView view, Instant now) {
    if (ScopeEvaluator.MESH_SCOPE.equals(scope)) {
      return evaluator.evaluate(scope, List.of(), view);
    }
    if (ScopeEvaluator.CLUSTER_SCOPE.equals(scope)) {
      return evaluator.evaluate(
          NamespaceDigests.cluster(
              settings.cluster(), view, digests.current(digestStore).values()));
    }
    Collection<ObjectFacts> held = facts.namespace(scope);
    NamespaceView namespace = NamespaceView.of(scope, held);
    digestPublisher.publish(scope, namespace, held.isEmpty(), now);
    return evaluator.evaluate(namespace, view);
  }

  private void apply(Change change, Tracked previous, Instant now) {
    if (change.next() == null) {
      findings.delete(change.key());
    } else {
      findings.put(change.key(), change.next());
    }
    deadlines.update(change.key(), change.next());
    tally(previous, -1);
    tally(change.next(), 1);
    change.emissions().forEach(e -> emitter.emit(e, now));
  }

  private void tally(Tracked t, long delta) {
    if (t != null && t.phase() == Tracked.Phase.OPEN) {
      Finding f = t.finding();
      openTally.merge(f.code() + "/" + f.severity(), delta, Long::sum);
      metrics.openFindings(f.code(), f.severity(), delta);
    }
  }

  private static String scopeOf(String key) {
    return key.substring(0, key.indexOf('|'));
  }

  private void deadLetter(Record<String, byte[]> record, String reason, String error) {
    RecordMetadata meta = context.recordMetadata().orElse(null);
    String topic = meta == null ? "" : meta.topic();
    int partition = meta == null ? -1 : meta.partition();
    long offset = meta == null ? -1 : meta.offset();
    LOG.warn("Dead letter from {}-{}@{} ({}): {}", topic, partition, offset, reason, error);
    metrics.deadLetter("objects", reason);
    context.forward(
        new Record<>(
            record.key(),
            record.value(),
            record.timestamp(),
            DeadLetters.headers(reason, error, topic, partition, offset)),
        StoreNames.DEAD_LETTER_SINK);
  }

  @Override
  public void close() {
    forgetTallies();
    evaluated.forEach(metrics::forgetCoverage);
    if (clusterGate != null) {
      clusterGate.close();
    }
  }

  /** Takes this task's open findings out of the instance's gauges. */
  private void forgetTallies() {
    openTally.forEach(
        (k, n) -> {
          int slash = k.indexOf('/');
          metrics.openFindings(k.substring(0, slash), Severity.valueOf(k.substring(slash + 1)), -n);
        });
    openTally.clear();
  }
}
