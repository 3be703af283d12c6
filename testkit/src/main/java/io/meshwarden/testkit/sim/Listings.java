package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The lists the controllers read on each pass, shared between them: a list is taken again only when
 * the API server has applied a write to that resource since (see {@link StoreWrites}), so a
 * controller sees exactly what a fresh list would return, without every controller listing every
 * pod on every pass. While an API fault would answer the simulator's list, the list is always
 * taken, so the fault reaches the controller as before.
 *
 * <p>Items are shared between controllers: they must not be modified (controllers copy with a
 * builder before writing).
 */
final class Listings {

  private final StoreWrites writes;
  private final Faults faults;
  private final Map<String, Cached> cache = new HashMap<>();
  private long lists;

  private record Cached(long writes, List<?> items, Map<String, Object> derived) {}

  Listings(StoreWrites writes, Faults faults) {
    this.writes = writes;
    this.faults = faults;
  }

  /** Every pod (all namespaces). */
  List<Pod> pods(KubernetesClient client) {
    return list("pods", () -> client.pods().inAnyNamespace().list().getItems());
  }

  /** Every pod, grouped by the uid of its controlling owner. */
  Map<String, List<Pod>> podsByOwner(KubernetesClient client) {
    return derived(
        "pods",
        "byOwner",
        () -> pods(client),
        items -> {
          Map<String, List<Pod>> out = new HashMap<>();
          for (Pod pod : items) {
            String owner = Names.controllerUid(pod);
            if (owner != null) {
              out.computeIfAbsent(owner, k -> new ArrayList<>()).add(pod);
            }
          }
          out.replaceAll((k, v) -> Collections.unmodifiableList(v));
          return Collections.unmodifiableMap(out);
        });
  }

  /**
   * The items of {@code resource} (a plural) as {@code lister} returns them, from the last list if
   * no write to that resource has been applied since.
   */
  @SuppressWarnings("unchecked")
  synchronized <T> List<T> list(String resource, Supplier<List<T>> lister) {
    long count = writes.count(resource);
    Cached cached = cache.get(resource);
    if (cached != null
        && cached.writes() == count
        && faults.apiFault("list", resource, true) == null) {
      return (List<T>) cached.items();
    }
    List<T> items = Collections.unmodifiableList(new ArrayList<>(lister.get()));
    lists++;
    cache.put(resource, new Cached(count, items, new HashMap<>()));
    return items;
  }

  /** Lists taken so far (tests and benchmarks). */
  synchronized long lists() {
    return lists;
  }

  @SuppressWarnings("unchecked")
  private synchronized <T, R> R derived(
      String resource, String name, Supplier<List<T>> items, Function<List<T>, R> derive) {
    List<T> current = items.get();
    Cached cached = cache.get(resource);
    if (cached == null || cached.items() != current) {
      return derive.apply(current); // listed outside the cache (fault): nothing to keep
    }
    return (R) cached.derived().computeIfAbsent(name, k -> derive.apply(current));
  }
}
