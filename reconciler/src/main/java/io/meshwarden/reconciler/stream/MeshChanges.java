package io.meshwarden.reconciler.stream;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * What changed on the mesh topic, as a short versioned log the global-store updater writes and each
 * shard reads on its tick. A Namespace fact names its namespace; any other mesh fact affects every
 * namespace. A shard that fell further behind than the log holds treats everything as changed.
 * Thread-safe: the global thread writes, stream threads read.
 */
final class MeshChanges {

  /**
   * Changes since a version.
   *
   * @param version the version to ask from next time
   * @param everything true when every namespace is affected
   * @param namespaces namespaces whose labels changed (when not everything)
   * @param observedAt the earliest observation time among the changes, or null
   */
  record Since(long version, boolean everything, Set<String> namespaces, Instant observedAt) {

    boolean isEmpty() {
      return !everything && namespaces.isEmpty();
    }
  }

  private record Entry(long version, String namespace, Instant observedAt) {}

  private final int capacity;
  private final Deque<Entry> log = new ArrayDeque<>();
  private long version;

  MeshChanges(int capacity) {
    this.capacity = capacity;
  }

  MeshChanges() {
    this(4096);
  }

  /** Records a change; {@code namespace} null means mesh-wide. */
  synchronized void record(String namespace, Instant observedAt) {
    version++;
    log.addLast(new Entry(version, namespace, observedAt));
    while (log.size() > capacity) {
      log.removeFirst();
    }
  }

  /** The current version. */
  synchronized long version() {
    return version;
  }

  /** The changes after {@code seen}. */
  synchronized Since since(long seen) {
    if (seen >= version) {
      return new Since(version, false, Set.of(), null);
    }
    Entry oldest = log.peekFirst();
    if (oldest == null || oldest.version() > seen + 1) {
      return new Since(version, true, Set.of(), null);
    }
    boolean everything = false;
    Set<String> namespaces = new HashSet<>();
    Instant earliest = null;
    for (Entry e : log) {
      if (e.version() <= seen) {
        continue;
      }
      if (e.namespace() == null) {
        everything = true;
      } else {
        namespaces.add(e.namespace());
      }
      if (e.observedAt() != null && (earliest == null || e.observedAt().isBefore(earliest))) {
        earliest = e.observedAt();
      }
    }
    return new Since(version, everything, Set.copyOf(namespaces), earliest);
  }
}
