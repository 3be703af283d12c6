package io.meshwarden.core.model;

import io.meshwarden.common.protocol.MeshConfigFacts;
import io.meshwarden.common.protocol.PeerAuthenticationFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolves PeerAuthentication facts to the namespace-wide mTLS mode of each namespace, the way
 * istiod does (istio.md; Istio's {@code authn} policy applier): only policies without a workload
 * selector count; when a namespace has several, the oldest wins (creation time, then name); one in
 * the root namespace is mesh-wide; {@code UNSET} inherits from the parent, so it records nothing.
 * The stream and {@code analyze} both get here through {@link MeshViewBuilder#add}.
 */
final class PeerAuthentications {

  /** Istio's default root namespace, where a PeerAuthentication applies mesh-wide. */
  static final String DEFAULT_ROOT_NAMESPACE = "istio-system";

  private static final Comparator<PeerAuthenticationFacts> OLDEST_FIRST =
      Comparator.comparing(
              (PeerAuthenticationFacts p) -> p.meta().creationTimestamp(),
              Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
          .thenComparing(p -> p.meta().name());

  private PeerAuthentications() {}

  /**
   * Namespace-wide modes by namespace, key {@code ""} for the mesh-wide mode.
   *
   * @param policies every PeerAuthentication seen
   * @param rootNamespace the mesh's root namespace
   */
  static Map<String, String> namespaceModes(
      Collection<PeerAuthenticationFacts> policies, String rootNamespace) {
    Map<String, PeerAuthenticationFacts> oldest = new HashMap<>();
    for (PeerAuthenticationFacts p : policies) {
      if (p.namespaceWide()) {
        oldest.merge(p.meta().namespace(), p, (a, b) -> OLDEST_FIRST.compare(a, b) <= 0 ? a : b);
      }
    }
    Map<String, String> modes = new HashMap<>();
    oldest.forEach(
        (namespace, p) -> {
          if (!PeerAuthenticationFacts.UNSET.equals(p.mode())) {
            modes.put(namespace.equals(rootNamespace) ? "" : namespace, p.mode());
          }
        });
    return modes;
  }

  /**
   * The policies with a workload selector, by namespace, oldest first: for a workload several of
   * them select, istiod applies the oldest.
   */
  static Map<String, List<PeerAuthenticationFacts>> workloadPolicies(
      Collection<PeerAuthenticationFacts> policies) {
    Map<String, List<PeerAuthenticationFacts>> out = new HashMap<>();
    for (PeerAuthenticationFacts p : policies) {
      if (!p.namespaceWide()) {
        out.computeIfAbsent(p.meta().namespace(), k -> new ArrayList<>()).add(p);
      }
    }
    out.values().forEach(l -> l.sort(OLDEST_FIRST));
    return out;
  }

  /**
   * The root namespace the mesh config names ({@code rootNamespace}), the default revision's first,
   * else {@value #DEFAULT_ROOT_NAMESPACE}.
   */
  static String rootNamespace(Map<String, MeshConfigFacts> meshConfigsByRevision) {
    TreeMap<String, MeshConfigFacts> sorted = new TreeMap<>(meshConfigsByRevision);
    MeshConfigFacts preferred = sorted.remove(MeshView.DEFAULT);
    if (preferred != null && named(preferred) != null) {
      return named(preferred);
    }
    return sorted.values().stream()
        .map(PeerAuthentications::named)
        .filter(r -> r != null)
        .findFirst()
        .orElse(DEFAULT_ROOT_NAMESPACE);
  }

  private static String named(MeshConfigFacts mc) {
    if (mc.mesh() == null) {
      return null;
    }
    String root = mc.mesh().path("rootNamespace").asText("");
    return root.isEmpty() ? null : root;
  }
}
