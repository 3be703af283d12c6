package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.hosts.ServiceHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * MW0122 (IST0112): a VirtualService bound to a gateway routes to a Service with several ports
 * without saying which; the gateway cannot infer the port as a sidecar does from the request.
 */
public final class VirtualServicePortRequiredRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0122", Severity.ERROR, "IST0112", "VirtualService destination port required");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts vs : index.configs(FactKind.VirtualService)) {
      List<String> gateways = VirtualServices.gateways(vs);
      if (gateways.stream().allMatch(VirtualServices.MESH::equals)) {
        continue;
      }
      String ns = vs.meta().namespace();
      Set<String> hosts = new TreeSet<>();
      for (VirtualServices.Destination d : VirtualServices.destinations(vs)) {
        if (d.port() != null) {
          continue;
        }
        for (ServiceHost h : index.hosts().services(d.host(), ns)) {
          if (h.ports().size() > 1) {
            hosts.add(d.host());
          }
        }
      }
      if (!hosts.isEmpty()) {
        String joined = String.join(",", hosts);
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(vs),
                String.format(
                    "%s: destination %s has several ports and the route selects none; set"
                        + " destination.port.number",
                    Subjects.describe(Specs.ref(vs)), joined),
                Map.of("hosts", joined)));
      }
    }
    return out;
  }
}
