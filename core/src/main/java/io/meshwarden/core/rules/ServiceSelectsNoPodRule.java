package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MW0103 (meshwarden's own): a Service's selector picks no pod and no workload template in its
 * namespace, so traffic to it has no endpoint. Silent when the namespace's workloads are not in the
 * input or the selector uses a label the facts do not carry.
 */
public final class ServiceSelectsNoPodRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0103", Severity.WARNING, null, "Service selects no pod");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<RuleResult> out = new ArrayList<>();
    for (ServiceFacts s : index.mesh().services()) {
      String ns = s.meta().namespace();
      if (!Services.selectsPods(s)
          || !index.hasWorkloads(ns)
          || !index.observable(s.selector())
          || !index.selected(ns, s.selector()).isEmpty()) {
        continue;
      }
      String selector = new TreeMap<>(s.selector()).toString();
      out.add(
          RuleResult.of(
              INFO,
              Services.ref(s),
              String.format(
                  "%s: selector %s matches no pod in %s; fix the selector or the pod labels",
                  Subjects.describe(Services.ref(s)), selector, ns),
              Map.of("selector", selector)));
    }
    return out;
  }
}
