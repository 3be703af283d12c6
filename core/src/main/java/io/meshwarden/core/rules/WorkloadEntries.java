package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.core.model.MeshView;
import java.util.List;
import java.util.Map;

/** ServiceEntry-to-WorkloadEntry selection, for the WorkloadEntry and WorkloadGroup rules. */
final class WorkloadEntries {

  private WorkloadEntries() {}

  /** A WorkloadEntry's labels ({@code spec.labels}). */
  static Map<String, String> labels(IstioConfigFacts we) {
    return Specs.labels(we.spec().path("labels"));
  }

  /**
   * The ServiceEntries in {@code namespace} whose {@code workloadSelector} picks {@code labels}.
   */
  static List<IstioConfigFacts> selecting(
      MeshView mesh, String namespace, Map<String, String> labels) {
    return mesh.serviceEntries().stream()
        .filter(se -> se.meta().namespace().equals(namespace) && Specs.hasWorkloadSelector(se))
        .filter(se -> LabelSelector.ofMatchLabels(Specs.workloadSelector(se)).matches(labels))
        .toList();
  }
}
