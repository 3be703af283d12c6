package io.meshwarden.reconciler.stream;

import io.meshwarden.common.protocol.FactKeys;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.reconciler.ReconcilerMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global mesh store: decodes each mesh record, stores readable ones, routes unreadable
 * ones to the dead-letter sink, and notes in {@link MeshChanges} what the change affects so the
 * shards re-evaluate.
 */
final class MeshUpdater implements Processor<String, byte[], Void, Void> {

  private final WireSerde<ObjectFacts> serde = WireSerde.facts();
  private final MeshChanges changes;
  private final DeadLetterSink deadLetters;
  private final ReconcilerMetrics metrics;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, ObjectFacts> store;

  MeshUpdater(MeshChanges changes, DeadLetterSink deadLetters, ReconcilerMetrics metrics) {
    this.changes = changes;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.store = context.getStateStore(StoreNames.MESH);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    String key = record.key();
    FactKeys.Key parsed = parse(key);
    if (parsed == null) {
      poison(record, "MALFORMED_KEY", "not a mesh fact key: " + key);
      return;
    }
    WireSerde.Decoded<ObjectFacts> decoded = serde.tryDecode(record.value());
    if (decoded instanceof WireSerde.Decoded.Failed<ObjectFacts> failed) {
      poison(record, failed.error().reason().name(), failed.error().getMessage());
      return;
    }
    ObjectFacts fact = ((WireSerde.Decoded.Ok<ObjectFacts>) decoded).value();
    if (fact == null) {
      store.delete(key);
      changes.record(affected(parsed), null);
    } else {
      store.put(key, fact);
      changes.record(affected(parsed), fact.meta().observedAt());
    }
  }

  private static FactKeys.Key parse(String key) {
    if (key == null) {
      return null;
    }
    try {
      FactKeys.Key k = FactKeys.parse(key);
      return k.kind().topic() == FactKind.Topic.MESH ? k : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A Namespace fact affects its namespace; every other mesh fact, every namespace (null). */
  private static String affected(FactKeys.Key key) {
    return key.kind() == FactKind.Namespace ? key.name() : null;
  }

  private void poison(Record<String, byte[]> record, String reason, String error) {
    DeadLetterSink.deadLetter(deadLetters, context, metrics, "mesh", record, reason, error);
  }
}
