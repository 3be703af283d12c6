package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0110 (IST0101): a Gateway's selector matches no pod in any namespace, so no proxy serves it. As
 * istioctl, only pods count: a Deployment whose template the selector matches is not a match until
 * its pods exist (on files, the input must declare the pod). Judged also when the input holds no
 * workloads: {@code analyze} on files assumes istioctl's default ingress gateway pod ({@code istio:
 * ingressgateway} in {@code istio-system}) unless told not to. Silent for an empty selector.
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
      if (selector.isEmpty() || anyPod(index, selector)) {
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

  /** Whether a pod of any namespace carries every pair of {@code selector}, as istioctl counts. */
  private static boolean anyPod(MeshIndex index, Map<String, String> selector) {
    LabelSelector s = LabelSelector.ofMatchLabels(selector);
    return index.cluster().namespaces().values().stream()
        .flatMap(ns -> ns.pods().stream())
        .anyMatch(p -> s.matches(p.facts().meta().labels()));
  }
}
