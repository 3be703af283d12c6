package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0110 (IST0101): a Gateway's selector matches no pod (or pod template) in any namespace, so no
 * proxy serves it. As istioctl, judged also when the input holds no workloads: {@code analyze} on
 * files assumes istioctl's default ingress gateway pod ({@code istio: ingressgateway} in {@code
 * istio-system}) unless told not to. Silent for an empty selector and when the selector uses a
 * label the facts do not carry.
 */
public final class GatewayWorkloadMissingRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0110", Severity.ERROR, "IST0101", "Gateway selects no workload");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts gw : index.configs(FactKind.Gateway)) {
      Map<String, String> selector = GatewayServers.selector(gw);
      if (selector.isEmpty()
          || !index.observable(selector)
          || !index.selected(null, selector).isEmpty()) {
        // Deployment templates count beside pods: istioctl sees only pods, but a template's pods
        // exist once the Deployment runs, and a finding that vanishes on apply is noise.
        continue;
      }
      out.add(
          RuleResult.of(
              INFO,
              Specs.ref(gw),
              String.format(
                  "%s: selector %s matches no gateway workload; fix the selector or deploy the"
                      + " gateway",
                  Subjects.describe(Specs.ref(gw)), selector),
              Map.of("selector", selector.toString())));
    }
    return out;
  }
}
