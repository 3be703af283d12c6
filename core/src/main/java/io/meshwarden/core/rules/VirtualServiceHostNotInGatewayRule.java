package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.hosts.Hosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * MW0124 (IST0132): a VirtualService host is not served by a Gateway it binds to (no server host
 * covers it, or the server host's namespace part excludes the VirtualService's namespace), so the
 * gateway ignores the route for that host.
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
      for (String ref : VirtualServices.gateways(vs)) {
        if (ref.equals(VirtualServices.MESH)) {
          continue;
        }
        VirtualServiceGateways.find(index.mesh(), ref, ns)
            .ifPresent(gw -> check(index, vs, gw, ref, out));
      }
    }
    return out;
  }

  private static void check(
      MeshIndex index, IstioConfigFacts vs, IstioConfigFacts gw, String ref, List<RuleResult> out) {
    String ns = vs.meta().namespace();
    Set<String> missing = new TreeSet<>();
    for (String host : VirtualServices.hosts(vs)) {
      String fqdn = index.hosts().qualify(host, ns);
      boolean served =
          GatewayServers.servers(gw).stream()
              .flatMap(s -> s.hosts().stream())
              .anyMatch(
                  h ->
                      Hosts.bindableFrom(h, gw.meta().namespace(), ns)
                          && Hosts.covers(Hosts.gatewayHost(h), fqdn));
      if (!served) {
        missing.add(host);
      }
    }
    if (!missing.isEmpty()) {
      String joined = String.join(",", missing);
      out.add(
          RuleResult.of(
              INFO,
              Specs.ref(vs),
              String.format(
                  "%s: host %s is not served by gateway %s; add the host to the Gateway's"
                      + " servers or remove it here",
                  Subjects.describe(Specs.ref(vs)), joined, ref),
              Map.of("hosts", joined, "gateway", ref)));
    }
  }
}
