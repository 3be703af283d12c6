package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0162 (IST0101): a Sidecar's {@code workloadSelector} matches no pod in its namespace, so it
 * configures nothing. As istioctl, only pods count (a Deployment whose template the selector
 * matches is not a match until its pods exist), and the Sidecar is judged also when the namespace
 * holds no workloads. Silent for an empty selector.
 */
public final class SidecarSelectsNothingRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0162", Severity.ERROR, "IST0101", "Sidecar selects no workload");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts s : index.configs(FactKind.Sidecar)) {
      Map<String, String> selector = Specs.workloadSelector(s);
      String ns = s.meta().namespace();
      if (selector.isEmpty() || !index.pods(ns, List.of(selector)).isEmpty()) {
        continue;
      }
      out.add(
          RuleResult.of(
              INFO,
              Specs.ref(s),
              String.format(
                  "%s: workloadSelector %s matches no workload in %s; fix the selector",
                  Subjects.describe(Specs.ref(s)), selector, ns),
              Map.of("selector", selector.toString())));
    }
    return out;
  }
}
