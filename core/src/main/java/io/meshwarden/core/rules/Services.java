package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.WorkloadView;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Service helpers for the Service and Gateway rules. */
final class Services {

  private Services() {}

  static ObjectRef ref(ServiceFacts s) {
    return new ObjectRef("Service", s.meta().namespace(), s.meta().name(), s.meta().uid());
  }

  /** Whether the Service selects pods at all (not ExternalName, a non-empty selector). */
  static boolean selectsPods(ServiceFacts s) {
    return !"ExternalName".equals(s.type()) && !s.selector().isEmpty();
  }

  /** The selecting Services of {@code mesh} in {@code namespace} whose selector picks {@code w}. */
  static List<ServiceFacts> selecting(MeshView mesh, String namespace, WorkloadView w) {
    return mesh.services().stream()
        .filter(s -> s.meta().namespace().equals(namespace) && selectsPods(s))
        .filter(
            s -> {
              LabelSelector sel = LabelSelector.ofMatchLabels(s.selector());
              return MeshIndex.labelSets(w).stream().anyMatch(sel::matches);
            })
        .toList();
  }

  /**
   * A key (a port number, a targetPort) to which the services that select one workload give more
   * than one value (protocols, service ports), and which services those are.
   */
  record PortConflict<K, V>(K key, Set<V> values, Set<String> services) {}

  /** Every key of the services' ports whose {@code value} differs between them, in key order. */
  static <K, V> List<PortConflict<K, V>> conflicts(
      List<ServiceFacts> services,
      java.util.function.Function<ServiceFacts.ServicePort, K> key,
      java.util.function.Function<ServiceFacts.ServicePort, V> value) {
    Map<K, Set<V>> values = new java.util.TreeMap<>();
    Map<K, Set<String>> names = new java.util.TreeMap<>();
    for (ServiceFacts s : services) {
      for (ServiceFacts.ServicePort p : s.ports()) {
        values.computeIfAbsent(key.apply(p), k -> new java.util.TreeSet<>()).add(value.apply(p));
        names.computeIfAbsent(key.apply(p), k -> new java.util.TreeSet<>()).add(s.meta().name());
      }
    }
    return values.entrySet().stream()
        .filter(e -> e.getValue().size() > 1)
        .map(e -> new PortConflict<>(e.getKey(), e.getValue(), names.get(e.getKey())))
        .toList();
  }
}
