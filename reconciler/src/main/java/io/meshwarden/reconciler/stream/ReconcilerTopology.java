package io.meshwarden.reconciler.stream;

import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.core.lifecycle.FindingLifecycle;
import io.meshwarden.core.lifecycle.RemediationPolicy;
import io.meshwarden.core.rules.RuleEngine;
import io.meshwarden.reconciler.ReconcilerMetrics;
import java.time.Clock;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The reconciler's topology, built with the Processor API:
 *
 * <pre>
 * objects topic ─▶ shard (facts store, findings store) ─┬▶ findings topic
 *                        ▲ reads                        ├▶ remediation-requests topic
 * mesh topic ─▶ mesh-updater ─▶ global mesh store        ├▶ dead-letter topic
 *                                                        └▶ digests topic ─┐
 * digests topic ─▶ digest-updater ─▶ global digest store ◀─────────────────┘
 * </pre>
 *
 * <p>Each shard publishes a digest of every namespace it evaluates (only when it changed); the task
 * of partition 0 evaluates the cluster rules over all digests and the mesh.
 *
 * <p>No repartition: the shard processor consumes the objects topic as it is partitioned (by
 * namespace, {@code NamespacePartitioner}), keeps its facts keyed exactly as the topic and
 * evaluates whole namespaces, so each task sees its namespaces whole. Both local stores are
 * changelogged; values are read as bytes and decoded inside the processors so an unreadable record
 * becomes a dead letter rather than a stopped thread.
 */
public final class ReconcilerTopology {

  private ReconcilerTopology() {}

  /** Builds the topology for an objects topic whose partition count is not known. */
  public static Topology build(
      StreamSettings settings,
      RuleEngine engine,
      Clock clock,
      ReconcilerMetrics metrics,
      DeadLetterSink meshDeadLetters) {
    return build(settings, engine, clock, metrics, meshDeadLetters, 0);
  }

  /**
   * Builds the topology; each call makes fresh caches, so call it once per {@code KafkaStreams}
   * instance.
   *
   * @param objectPartitions partitions of the objects topic (the shards whose readiness markers the
   *     cluster task waits for), or 0 when unknown: then the highest partition seen
   */
  public static Topology build(
      StreamSettings settings,
      RuleEngine engine,
      Clock clock,
      ReconcilerMetrics metrics,
      DeadLetterSink meshDeadLetters,
      int objectPartitions) {
    MeshCache mesh = new MeshCache(new MeshChanges());
    DigestCache digests = new DigestCache(new MeshChanges());
    FindingLifecycle lifecycle =
        new FindingLifecycle(
            settings.cluster(),
            settings.lifecycle(),
            new RemediationPolicy("reconciler/" + settings.cluster()));
    ScopeEvaluator evaluator = new ScopeEvaluator(engine, metrics);
    String cluster = settings.cluster();

    Topology t = new Topology();
    t.addSource(
        StoreNames.OBJECTS_SOURCE,
        new StringDeserializer(),
        new ByteArrayDeserializer(),
        settings.names().objects(cluster));
    t.addProcessor(
        StoreNames.SHARD,
        () ->
            new ShardProcessor(
                settings, clock, mesh, digests, evaluator, lifecycle, metrics, objectPartitions),
        StoreNames.OBJECTS_SOURCE);
    t.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.FACTS), Serdes.String(), WireSerde.facts()),
        StoreNames.SHARD);
    t.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.FINDINGS),
            Serdes.String(),
            new TrackedSerde()),
        StoreNames.SHARD);
    t.addSink(
        StoreNames.FINDINGS_SINK,
        settings.names().findings(),
        new StringSerializer(),
        new ByteArraySerializer(),
        StoreNames.SHARD);
    t.addSink(
        StoreNames.REQUESTS_SINK,
        settings.names().remediationRequests(cluster),
        new StringSerializer(),
        new ByteArraySerializer(),
        StoreNames.SHARD);
    t.addSink(
        StoreNames.DEAD_LETTER_SINK,
        settings.names().deadLetter(),
        new StringSerializer(),
        new ByteArraySerializer(),
        StoreNames.SHARD);
    t.addSink(
        StoreNames.DIGEST_SINK,
        settings.names().digests(cluster),
        new StringSerializer(),
        new ByteArraySerializer(),
        StoreNames.SHARD);
    t.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.MESH), Serdes.String(), WireSerde.facts())
            // Global stores restore from their source topic; they never have a changelog.
            .withLoggingDisabled(),
        StoreNames.MESH_SOURCE,
        new StringDeserializer(),
        new ByteArrayDeserializer(),
        settings.names().mesh(cluster),
        StoreNames.MESH_UPDATER,
        () -> new MeshUpdater(mesh.changes(), meshDeadLetters, metrics));
    t.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.DIGESTS),
                Serdes.String(),
                Serdes.ByteArray())
            .withLoggingDisabled(),
        StoreNames.DIGESTS_SOURCE,
        new StringDeserializer(),
        new ByteArrayDeserializer(),
        settings.names().digests(cluster),
        StoreNames.DIGEST_UPDATER,
        () -> new DigestUpdater(digests.changes(), meshDeadLetters, metrics));
    return t;
  }
}
