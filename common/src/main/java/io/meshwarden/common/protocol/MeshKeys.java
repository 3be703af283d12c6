package io.meshwarden.common.protocol;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Decides which label and annotation keys are facts: the ones Istio or meshwarden read, plus an
 * allow-list an operator configures (for example {@code team}). Everything else, including
 * arbitrary annotations that may carry secrets or large blobs, stays out of Kafka. {@code istio} is
 * kept because Gateways select their workload by it ({@code istio: ingressgateway}).
 */
public final class MeshKeys implements Predicate<String> {

  private static final Set<String> EXACT =
      Set.of(
          "app",
          "istio",
          "version",
          "app.kubernetes.io/name",
          "app.kubernetes.io/version",
          "istio-injection",
          "pod-template-hash",
          "controller-revision-hash",
          "kubernetes.io/metadata.name",
          "kubectl.kubernetes.io/restartedAt");

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
