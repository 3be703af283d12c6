package io.meshwarden.common.protocol;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Decides which annotation keys are facts: the ones Istio or meshwarden read, plus an allow-list an
 * operator configures. Every other annotation, including ones that may carry secrets or large blobs
 * ({@code kubectl.kubernetes.io/last-applied-configuration}), stays out of Kafka.
 *
 * <p>Labels are not filtered: any label may be named by a selector (a Service's, a Sidecar's
 * workload selector, a DestinationRule subset, the injector's {@code neverInjectSelector}), so the
 * projection keeps them all.
 */
public final class MeshKeys implements Predicate<String> {

  /** Annotations read by name outside the {@code istio.io} and {@code meshwarden.io} domains. */
  private static final Set<String> EXACT = Set.of("kubectl.kubernetes.io/restartedAt");

  private final Set<String> allowList;

  /** Only the built-in keys. */
  public static MeshKeys standard() {
    return new MeshKeys(Set.of());
  }

  /** The built-in keys plus {@code extraKeys}, matched exactly. */
  public MeshKeys(Set<String> extraKeys) {
    this.allowList = Set.copyOf(extraKeys);
  }

  @Override
  public boolean test(String key) {
    if (key == null || key.isEmpty()) {
      return false;
    }
    if (EXACT.contains(key) || allowList.contains(key)) {
      return true;
    }
    int slash = key.indexOf('/');
    if (slash <= 0) {
      return false;
    }
    String prefix = key.substring(0, slash);
    return prefix.equals("istio.io")
        || prefix.endsWith(".istio.io")
        || prefix.equals("meshwarden.io")
        || prefix.endsWith(".meshwarden.io");
  }

  /** The entries of {@code source} whose key passes, in key order; never null. */
  public Map<String, String> filter(Map<String, String> source) {
    Map<String, String> kept = new TreeMap<>();
    if (source != null) {
      source.forEach(
          (k, v) -> {
            if (test(k)) {
              kept.put(k, v == null ? "" : v);
            }
          });
    }
    return kept;
  }
}
