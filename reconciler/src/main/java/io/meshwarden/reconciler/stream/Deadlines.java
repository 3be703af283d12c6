package io.meshwarden.reconciler.stream;

import io.meshwarden.core.lifecycle.LifecycleSettings;
import io.meshwarden.core.lifecycle.Tracked;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * When each store entry next needs the clock: a PENDING entry when its hold ends, a RESOLVED one
 * when its retention ends. An in-memory index over the open-set store (rebuilt from it after a
 * restart), so a tick touches only entries that are due instead of scanning the store.
 */
final class Deadlines {

  private final LifecycleSettings settings;
  private final NavigableMap<Instant, Set<String>> byTime = new TreeMap<>();
  private final Map<String, Instant> byKey = new HashMap<>();

  Deadlines(LifecycleSettings settings) {
    this.settings = settings;
  }

  /** Records the deadline of {@code key} holding {@code t} (null: deleted). */
  void update(String key, Tracked t) {
    Instant old = byKey.remove(key);
    if (old != null) {
      Set<String> keys = byTime.get(old);
      keys.remove(key);
      if (keys.isEmpty()) {
        byTime.remove(old);
      }
    }
    Instant next = deadlineOf(t);
    if (next != null) {
      byKey.put(key, next);
      byTime.computeIfAbsent(next, x -> new TreeSet<>()).add(key);
    }
  }

  /** The keys whose deadline is at or before {@code now}. */
  List<String> due(Instant now) {
    List<String> out = new ArrayList<>();
    byTime.headMap(now, true).values().forEach(out::addAll);
    return out;
  }

  private Instant deadlineOf(Tracked t) {
    if (t == null) {
      return null;
    }
    return switch (t.phase()) {
      case PENDING -> t.since().plus(settings.holdOf(t.finding().code()));
      case RESOLVED -> t.finding().resolvedAt().plus(settings.retention());
      case OPEN -> null;
    };
  }
}
