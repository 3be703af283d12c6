package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0124 (IST0132): no host of a VirtualService is served by a Gateway it binds to, so that gateway
 * ignores the VirtualService. As istioctl: one result per gateway entry (generated internal names
 * excepted); a missing Gateway serves nothing (so it gives this beside MW0123); hosts compare as
 * written, wildcards on either side; a server host {@code ns/host} counts only for VirtualServices
 * of {@code ns} ({@code .} = the Gateway's namespace, {@code *} = any).
 */
public final class VirtualServiceHostNotInGatewayRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0124", Severity.WARNING, "IST0132", "VirtualService host not in gateway");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts vs : index.configs(FactKind.VirtualService)) {
      String ns = vs.meta().namespace();
      for (String ref : VirtualServiceGateways.named(vs)) {
        if (VirtualServiceGateways.internal(ref)) {
          continue;
        }
        List<String> served =
            VirtualServiceGateways.find(index.mesh(), ref, ns)
                .map(gw -> serverHosts(gw, ns))
                .orElse(List.of());
        boolean any =
            served.stream()
                .anyMatch(g -> VirtualServices.hosts(vs).stream().anyMatch(h -> matches(g, h)));
        if (!any) {
          String hosts = String.join(",", VirtualServices.hosts(vs));
          String full = VirtualServiceGateways.fullName(ref, ns);
          out.add(
              RuleResult.of(
                  INFO,
                  Specs.ref(vs),
                  String.format(
                      "%s: none of its hosts %s is served by gateway %s; add a host to the"
                          + " Gateway's servers or correct the hosts here",
                      Subjects.describe(Specs.ref(vs)), hosts, full),
                  Map.of("hosts", hosts, "gateway", full)));
        }
      }
    }
    return out;
  }

  /** The Gateway's server hosts a VirtualService of {@code vsNamespace} may bind to, host part. */
  static List<String> serverHosts(IstioConfigFacts gw, String vsNamespace) {
    List<String> out = new ArrayList<>();
    String gwNs = gw.meta().namespace();
    for (GatewayServers.Server s : GatewayServers.servers(gw)) {
      for (String h : s.hosts()) {
        int slash = h.indexOf('/');
        if (slash < 0) {
          out.add(h);
          continue;
        }
        String hostNs = h.substring(0, slash);
        String host = h.substring(slash + 1);
        if (hostNs.equals("*") || (hostNs.equals(".") ? gwNs : hostNs).equals(vsNamespace)) {
          out.add(host);
        }
      }
    }
    return out;
  }

  /** Istio's host match: equal, or a wildcard's suffix found in the other (either side). */
  static boolean matches(String a, String b) {
    boolean wa = a.startsWith("*");
    boolean wb = b.startsWith("*");
    if (wa && wb) {
      return a.length() < b.length()
          ? b.substring(1).endsWith(a.substring(1))
          : a.substring(1).endsWith(b.substring(1));
    }
    if (wa) {
      return b.endsWith(a.substring(1));
    }
    if (wb) {
      return a.endsWith(b.substring(1));
    }
    return a.equals(b);
  }
}
