package io.meshwarden.reconciler.stream;

import io.meshwarden.common.protocol.NamespaceDigest;
import io.meshwarden.common.protocol.WireSerde;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The global digest store decoded, re-read only when {@link #changes()} moved, and shared by the
 * instance's shards. Readiness markers ({@link SyncMarkers}) are kept apart from the digests.
 * Entries that cannot be decoded (a poison record restored into the store before the updater saw
 * it) are skipped; the updater dead-letters them.
 */
final class DigestCache {

  private record Snapshot(Map<String, NamespaceDigest> digests, Set<Integer> synced) {}

  private final MeshChanges changes;
  private final WireSerde<NamespaceDigest> serde = WireSerde.digests();
  private long loadedVersion = -1;
  private Snapshot snapshot = new Snapshot(Map.of(), Set.of());

  DigestCache(MeshChanges changes) {
    this.changes = changes;
  }

  MeshChanges changes() {
    return changes;
  }

  /** Every namespace's digest, by namespace. */
  Map<String, NamespaceDigest> current(ReadOnlyKeyValueStore<String, byte[]> store) {
    return load(store).digests();
  }

  /** The partitions whose shard has written its readiness marker. */
  Set<Integer> synced(ReadOnlyKeyValueStore<String, byte[]> store) {
    return load(store).synced();
  }

  private synchronized Snapshot load(ReadOnlyKeyValueStore<String, byte[]> store) {
    long version = changes.version();
    if (version != loadedVersion) {
      Map<String, NamespaceDigest> read = new HashMap<>();
      Set<Integer> synced = new TreeSet<>();
      try (KeyValueIterator<String, byte[]> it = store.all()) {
        while (it.hasNext()) {
          KeyValue<String, byte[]> kv = it.next();
          if (SyncMarkers.isMarker(kv.key)) {
            int p = SyncMarkers.partitionOf(kv.key);
            if (p >= 0 && kv.value != null) {
              synced.add(p);
            }
          } else if (serde.tryDecode(kv.value) instanceof WireSerde.Decoded.Ok<NamespaceDigest> ok
              && ok.value() != null) {
            read.put(kv.key, ok.value());
          }
        }
      }
      snapshot = new Snapshot(Map.copyOf(read), Set.copyOf(synced));
      loadedVersion = version;
    }
    return snapshot;
  }

  /** The namespaces whose digest says {@code partition} holds them. */
  Set<String> heldBy(ReadOnlyKeyValueStore<String, byte[]> store, int partition) {
    Set<String> out = new TreeSet<>();
    current(store)
        .forEach(
            (ns, d) -> {
              if (d.partition() == partition) {
                out.add(ns);
              }
            });
    return out;
  }
}
