package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * MW0111 (IST0162): a Gateway server listens on a port that no Service of its gateway workload
 * exposes (neither as {@code port} nor as {@code targetPort}), so nothing outside reaches it.
 * Silent when no Service selects the gateway workload.
 */
public final class GatewayPortNotOnServiceRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0111", Severity.WARNING, "IST0162", "Gateway port not exposed by its Service");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts gw : index.configs(FactKind.Gateway)) {
      Map<String, String> selector = GatewayServers.selector(gw);
      if (selector.isEmpty()) {
        continue;
      }
      Set<String> exposed = new TreeSet<>();
      Set<String> serviceNames = new TreeSet<>();
      for (WorkloadView w : index.selected(null, selector)) {
        for (ServiceFacts s : Services.selecting(index.mesh(), w.ref().namespace(), w)) {
          serviceNames.add(s.meta().namespace() + "/" + s.meta().name());
          s.ports().forEach(p -> exposed.add(Integer.toString(p.port())));
          s.ports().forEach(p -> exposed.add(p.targetPort()));
        }
      }
      if (serviceNames.isEmpty()) {
        continue;
      }
      Set<Integer> missing = new TreeSet<>();
      GatewayServers.servers(gw).stream()
          .filter(s -> !exposed.contains(Integer.toString(s.port())))
          .forEach(s -> missing.add(s.port()));
      if (!missing.isEmpty()) {
        String svc = String.join(",", serviceNames);
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(gw),
                String.format(
                    "%s: port %s is not exposed by the gateway's Service %s; add the port to the"
                        + " Service or use one it exposes",
                    Subjects.describe(Specs.ref(gw)), missing, svc),
                Map.of("ports", missing.toString(), "services", svc)));
      }
    }
    return out;
  }
}
