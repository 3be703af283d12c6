package io.meshwarden.watcher.publish;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the compacted topics hold, as far as this leader knows: for each live key, the hash of its
 * published facts. Learned by reading the topics when leadership starts, then kept in step with
 * every committed transaction. Owned by the publisher thread.
 */
final class PublishedView {

  private final Map<String, Long> hashes = new HashMap<>();

  /** Whether the topics already hold {@code hash} for {@code key} (null hash: no value). */
  boolean holds(String key, Long hash) {
    Long have = hashes.get(key);
    return hash == null ? have == null : hash.equals(have);
  }

  /** Records that {@code key} now holds {@code hash}, or nothing when {@code hash} is null. */
  void set(String key, Long hash) {
    if (hash == null) {
      hashes.remove(key);
    } else {
      hashes.put(key, hash);
    }
  }

  Set<String> keys() {
    return hashes.keySet();
  }

  int size() {
    return hashes.size();
  }
}
