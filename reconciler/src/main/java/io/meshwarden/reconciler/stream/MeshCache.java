package io.meshwarden.reconciler.stream;

import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.MeshViewBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The global mesh store's facts, read once per mesh version and shared by the instance's shards. A
 * {@link MeshView} is built per evaluation round (it carries the evaluation time), from the cached
 * list, so the store is iterated only when the mesh changed.
 */
final class MeshCache {

  private final MeshChanges changes;
  private long loadedVersion = -1;
  private List<ObjectFacts> facts = List.of();

  MeshCache(MeshChanges changes) {
    this.changes = changes;
  }

  MeshChanges changes() {
    return changes;
  }

  /** The mesh as of {@code now}. */
  MeshView viewAt(ReadOnlyKeyValueStore<String, ObjectFacts> store, Instant now) {
    return new MeshViewBuilder(now).addAll(current(store)).build();
  }

  private synchronized List<ObjectFacts> current(ReadOnlyKeyValueStore<String, ObjectFacts> store) {
    long version = changes.version();
    if (version != loadedVersion) {
      List<ObjectFacts> read = new ArrayList<>();
      try (KeyValueIterator<String, ObjectFacts> it = store.all()) {
        while (it.hasNext()) {
          KeyValue<String, ObjectFacts> kv = it.next();
          if (kv.value != null) {
            read.add(kv.value);
          }
        }
      }
      facts = List.copyOf(read);
      loadedVersion = version;
    }
    return facts;
  }
}
