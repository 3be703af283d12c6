package io.meshwarden.reconciler.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Scopes (namespaces, or the mesh) waiting for evaluation, debounced: the first change marks a
 * scope due after the debounce; later changes within that window ride along. The window is not
 * extended by later changes, so a namespace under constant churn is still evaluated once per window
 * rather than never. Owned by one task's thread.
 */
final class DirtyScopes {

  /**
   * A scope that is due.
   *
   * @param observedAt the earliest observation time of the changes behind it, or null
   */
  record Due(String scope, Instant observedAt) {}

  private record Mark(Instant due, Instant observedAt) {}

  private final Duration debounce;
  private final Map<String, Mark> marks = new HashMap<>();

  DirtyScopes(Duration debounce) {
    this.debounce = debounce;
  }

  /** Marks {@code scope} changed at {@code now}. */
  void mark(String scope, Instant now, Instant observedAt) {
    marks.merge(
        scope,
        new Mark(now.plus(debounce), observedAt),
        (old, fresh) -> new Mark(old.due(), earliest(old.observedAt(), observedAt)));
  }

  /** Marks {@code scope} due at once (resync after start or rebalance). */
  void markNow(String scope, Instant now) {
    marks.merge(scope, new Mark(now, null), (old, fresh) -> new Mark(now, old.observedAt()));
  }

  boolean contains(String scope) {
    return marks.containsKey(scope);
  }

  int size() {
    return marks.size();
  }

  /** Removes and returns the scopes due at {@code now}. */
  List<Due> takeDue(Instant now) {
    List<Due> out = new ArrayList<>();
    Iterator<Map.Entry<String, Mark>> it = marks.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Mark> e = it.next();
      if (!e.getValue().due().isAfter(now)) {
        out.add(new Due(e.getKey(), e.getValue().observedAt()));
        it.remove();
      }
    }
    return out;
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
