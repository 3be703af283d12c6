package io.meshwarden.reconciler.stream;

import io.meshwarden.common.protocol.ObjectFacts;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One shard's facts: the changelogged store (the truth) and a decoded in-memory copy per namespace,
 * loaded on first evaluation, so evaluating a busy namespace does not decode it from the store each
 * time. Owned by one task's thread.
 */
final class ShardFacts {

  private static final StringSerializer KEYS = new StringSerializer();

  private final KeyValueStore<String, ObjectFacts> store;
  private final Map<String, Map<String, ObjectFacts>> loaded = new HashMap<>();

  ShardFacts(KeyValueStore<String, ObjectFacts> store) {
    this.store = store;
  }

  /** The namespace part of an objects-topic key, or null when the key has none. */
  static String namespaceOf(String key) {
    int slash = key == null ? -1 : key.indexOf('/');
    return slash <= 0 ? null : key.substring(0, slash);
  }

  void put(String key, ObjectFacts fact) {
    store.put(key, fact);
    Map<String, ObjectFacts> ns = loaded.get(namespaceOf(key));
    if (ns != null) {
      ns.put(key, fact);
    }
  }

  void delete(String key) {
    store.delete(key);
    Map<String, ObjectFacts> ns = loaded.get(namespaceOf(key));
    if (ns != null) {
      ns.remove(key);
    }
  }

  /** The facts of {@code namespace}. */
  Collection<ObjectFacts> namespace(String namespace) {
    return loaded.computeIfAbsent(namespace, this::load).values();
  }

  /** Every namespace with facts in this shard (a full scan: for resyncs only). */
  Set<String> namespaces() {
    Set<String> out = new TreeSet<>();
    try (KeyValueIterator<String, ObjectFacts> it = store.all()) {
      while (it.hasNext()) {
        String ns = namespaceOf(it.next().key);
        if (ns != null) {
          out.add(ns);
        }
      }
    }
    return out;
  }

  private Map<String, ObjectFacts> load(String namespace) {
    Map<String, ObjectFacts> out = new HashMap<>();
    try (KeyValueIterator<String, ObjectFacts> it = store.prefixScan(namespace + "/", KEYS)) {
      while (it.hasNext()) {
        KeyValue<String, ObjectFacts> kv = it.next();
        if (kv.value != null) {
          out.put(kv.key, kv.value);
        }
      }
    }
    return out;
  }
}
