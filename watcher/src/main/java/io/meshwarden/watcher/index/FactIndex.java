package io.meshwarden.watcher.index;

import io.meshwarden.common.protocol.ObjectFacts;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current facts of every watched object, keyed by fact key, and the queue of keys whose
 * published value may be stale. Informer stores write here; the leader's publisher reads the
 * current value of a key when it gets to it (level-triggered: it publishes what is true now, not
 * the event that marked the key).
 *
 * <p>An update whose facts equal the current ones once versions are ignored ({@link
 * ObjectFacts#withoutVersion()}) is dropped here: a status-only change produces no record.
 */
public final class FactIndex {

  /** What an update did. */
  public enum Outcome {
    CHANGED,
    SUPPRESSED
  }

  private final ConcurrentHashMap<String, ObjectFacts> current = new ConcurrentHashMap<>();
  private final DirtyKeys dirty = new DirtyKeys();

  /** Records {@code facts} as the current value of its key; marks the key dirty if it changed. */
  public Outcome put(ObjectFacts facts) {
    String key = facts.key();
    boolean[] changed = {false};
    current.compute(
        key,
        (k, old) -> {
          if (old != null && old.withoutVersion().equals(facts.withoutVersion())) {
            return old;
          }
          changed[0] = true;
          return facts;
        });
    if (changed[0]) {
      dirty.mark(key);
      return Outcome.CHANGED;
    }
    return Outcome.SUPPRESSED;
  }

  /** Forgets {@code key} (the object was deleted) and marks it dirty so a tombstone follows. */
  public void remove(String key) {
    if (current.remove(key) != null) {
      dirty.mark(key);
    }
  }

  /** The current facts of {@code key}, or null when no such object exists. */
  public ObjectFacts get(String key) {
    return current.get(key);
  }

  /** Every key with current facts (a snapshot view; safe to iterate while updates continue). */
  public Set<String> keys() {
    return current.keySet();
  }

  public int size() {
    return current.size();
  }

  public DirtyKeys dirty() {
    return dirty;
  }
}
