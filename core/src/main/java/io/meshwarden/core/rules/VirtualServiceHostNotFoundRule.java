package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0120 (IST0101): a VirtualService route or mirror names a host istioctl finds no Service or
 * ServiceEntry for ({@code Referenced host not found}, {@code Referenced mirror host not found}),
 * or a port the found one does not list ({@code Referenced host:port not found}). As istioctl, one
 * result per destination, hosts looked up as {@link IstioServiceEntryHosts} describes.
 */
public final class VirtualServiceHostNotFoundRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0120", Severity.ERROR, "IST0101", "VirtualService destination not found");

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
        IstioServiceEntryHosts.Entry found = hosts.find(vs, d.host());
        if (found == null) {
          out.add(result(vs, d.mirror() ? "mirror host" : "host", d.host()));
        } else if (d.port() != null && !found.ports().contains(d.port())) {
          out.add(result(vs, "host:port", d.host() + ":" + d.port()));
        }
      }
    }
    return out;
  }

  private static RuleResult result(IstioConfigFacts vs, String refType, String value) {
    return RuleResult.of(
        INFO,
        Specs.ref(vs),
        String.format(
            "%s: referenced %s not found: \"%s\"; fix the destination or create the Service or"
                + " ServiceEntry",
            Subjects.describe(Specs.ref(vs)), refType, value),
        Map.of("reference", refType, "value", value));
  }
}
