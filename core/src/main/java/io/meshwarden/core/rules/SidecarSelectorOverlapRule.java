package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * MW0161 (IST0110): Sidecars with workload selectors that select one same workload; Istio applies
 * only one of them. Judged on the workloads actually present; each Sidecar involved is reported
 * with the workloads they share.
 */
public final class SidecarSelectorOverlapRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0161", Severity.ERROR, "IST0110", "Sidecar selectors overlap");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<IstioConfigFacts> selecting =
        namespace.istioConfig(FactKind.Sidecar).stream()
            .filter(s -> !Specs.workloadSelector(s).isEmpty())
            .toList();
    Map<String, Set<String>> sidecarsByWorkload = new TreeMap<>();
    for (WorkloadView w : namespace.workloads()) {
      for (IstioConfigFacts s : selecting) {
        LabelSelector sel = LabelSelector.ofMatchLabels(Specs.workloadSelector(s));
        if (MeshIndex.labelSets(w).stream().anyMatch(sel::matches)) {
          sidecarsByWorkload
              .computeIfAbsent(Subjects.describe(w.ref()), k -> new TreeSet<>())
              .add(s.meta().name());
        }
      }
    }
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts s : selecting) {
      Set<String> workloads = new TreeSet<>();
      Set<String> others = new TreeSet<>();
      sidecarsByWorkload.forEach(
          (w, names) -> {
            if (names.size() > 1 && names.contains(s.meta().name())) {
              workloads.add(w);
              others.addAll(names);
            }
          });
      others.remove(s.meta().name());
      if (!others.isEmpty()) {
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(s),
                String.format(
                    "%s: selects %s, also selected by Sidecar %s; make the selectors disjoint",
                    Subjects.describe(Specs.ref(s)),
                    String.join(", ", workloads),
                    String.join(",", others)),
                Map.of(
                    "workloads",
                    String.join(", ", workloads),
                    "overlaps",
                    String.join(",", others))));
      }
    }
    return out;
  }
}
