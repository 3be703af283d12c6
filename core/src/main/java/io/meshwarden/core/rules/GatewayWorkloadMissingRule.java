package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0110 (IST0101): a Gateway's selector matches no gateway workload in any namespace, so no proxy
 * serves it. Silent when the input has no workloads at all (config-only linting) or the selector
 * uses a label the facts do not carry.
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
    if (!index.hasWorkloads()) {
      return out;
    }
    for (IstioConfigFacts gw : index.configs(FactKind.Gateway)) {
      Map<String, String> selector = GatewayServers.selector(gw);
      if (selector.isEmpty()
          || !index.observable(selector)
          || !index.selected(null, selector).isEmpty()) {
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
