package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.WorkloadView;
import java.util.List;

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
}
