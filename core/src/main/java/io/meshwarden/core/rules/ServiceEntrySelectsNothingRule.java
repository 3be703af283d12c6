package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.NamespaceView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0151 (meshwarden's own): a ServiceEntry's {@code workloadSelector} selects no WorkloadEntry and
 * no pod in its namespace, so the entry has no endpoints. Silent when nothing of the namespace is
 * in the input, or when no WorkloadEntry matches and the selector uses a label pods' facts do not
 * carry.
 */
public final class ServiceEntrySelectsNothingRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0151", Severity.WARNING, null, "ServiceEntry selects no workload");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts se : index.configs(FactKind.ServiceEntry)) {
      NamespaceView ns = index.namespace(se.meta().namespace()).orElse(null);
      if (ns == null || !Specs.hasWorkloadSelector(se)) {
        continue;
      }
      Map<String, String> selector = Specs.workloadSelector(se);
      LabelSelector s = LabelSelector.ofMatchLabels(selector);
      boolean entries =
          ns.istioConfig(FactKind.WorkloadEntry).stream()
              .anyMatch(we -> s.matches(WorkloadEntries.labels(we)));
      if (entries
          || !index.observable(selector)
          || !index.selected(ns.name(), selector).isEmpty()) {
        continue;
      }
      out.add(
          RuleResult.of(
              INFO,
              Specs.ref(se),
              String.format(
                  "%s: workloadSelector %s selects no WorkloadEntry and no pod in %s; fix the"
                      + " selector or the workloads' labels",
                  Subjects.describe(Specs.ref(se)), selector, ns.name()),
              Map.of("selector", selector.toString())));
    }
    return out;
  }
}
