package io.meshwarden.reconciler.stream;

import io.meshwarden.common.protocol.NamespaceDigest;
import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.reconciler.ReconcilerMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global digest store: stores each readable namespace digest as it came (bytes; {@link
 * DigestCache} decodes) and each shard's readiness marker ({@link SyncMarkers}), routes unreadable
 * ones to the dead-letter sink, and notes every change in its {@link MeshChanges} log so the
 * cluster task re-evaluates.
 */
final class DigestUpdater implements Processor<String, byte[], Void, Void> {

  private final WireSerde<NamespaceDigest> serde = WireSerde.digests();
  private final MeshChanges changes;
  private final DeadLetterSink deadLetters;
  private final ReconcilerMetrics metrics;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, byte[]> store;

  DigestUpdater(MeshChanges changes, DeadLetterSink deadLetters, ReconcilerMetrics metrics) {
    this.changes = changes;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.store = context.getStateStore(StoreNames.DIGESTS);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    String namespace = record.key();
    if (SyncMarkers.isMarker(namespace)) {
      marker(record);
      return;
    }
    if (namespace == null || namespace.isEmpty()) {
      poison(record, "MALFORMED_KEY", "not a namespace: " + namespace);
      return;
    }
    WireSerde.Decoded<NamespaceDigest> decoded = serde.tryDecode(record.value());
    if (decoded instanceof WireSerde.Decoded.Failed<NamespaceDigest> failed) {
      poison(record, failed.error().reason().name(), failed.error().getMessage());
      return;
    }
    NamespaceDigest digest = ((WireSerde.Decoded.Ok<NamespaceDigest>) decoded).value();
    if (digest != null && !namespace.equals(digest.namespace())) {
      poison(record, "MALFORMED_KEY", "key " + namespace + " holds " + digest.namespace());
      return;
    }
    if (digest == null) {
      store.delete(namespace);
    } else {
      store.put(namespace, record.value());
    }
    changes.record(namespace, null);
  }

  /** A shard's readiness marker: kept as it came, apart from digests (see {@link SyncMarkers}). */
  private void marker(Record<String, byte[]> record) {
    if (SyncMarkers.partitionOf(record.key()) < 0) {
      poison(record, "MALFORMED_KEY", "not a readiness marker: " + record.key());
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
    changes.record(record.key(), null);
  }

  private void poison(Record<String, byte[]> record, String reason, String error) {
    DeadLetterSink.deadLetter(deadLetters, context, metrics, "digests", record, reason, error);
  }
}
