package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * MW0122 (IST0112): a VirtualService route or mirror names, without a port, a host whose Service or
 * ServiceEntry lists several ports, so which port the traffic goes to is ambiguous. As istioctl,
 * for every VirtualService (bound to the mesh or to gateways), one result per such destination,
 * hosts looked up as {@link IstioServiceEntryHosts} describes.
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
    IstioServiceEntryHosts hosts = IstioServiceEntryHosts.of(index);
    for (IstioConfigFacts vs : index.configs(FactKind.VirtualService)) {
      for (VirtualServiceDestinations.Destination d : VirtualServiceDestinations.of(vs)) {
        if (d.port() != null) {
          continue;
        }
        IstioServiceEntryHosts.Entry found = hosts.find(vs, d.host());
        if (found == null || found.ports().size() < 2) {
          continue;
        }
        String ports =
            found.ports().stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"));
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(vs),
                String.format(
                    "%s: routes to a service \"%s\" that exposes multiple ports %s; set"
                        + " destination.port.number",
                    Subjects.describe(Specs.ref(vs)), d.host(), ports),
                Map.of("host", d.host(), "ports", ports)));
      }
    }
    return out;
  }
}
