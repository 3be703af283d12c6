package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.hosts.Hosts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * MW0112 (IST0145): two Gateways with the same selector listen on the same port for a host they
 * both claim, so which one a request meets is undefined. Reported on the later Gateway of each pair
 * (by namespace and name), naming the earlier one.
 */
public final class ConflictingGatewaysRule implements MeshRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0112", Severity.ERROR, "IST0145", "Conflicting gateways");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    List<IstioConfigFacts> gws =
        mesh.gateways().stream()
            .sorted(Comparator.comparing(g -> g.meta().namespace() + "/" + g.meta().name()))
            .toList();
    List<RuleResult> out = new ArrayList<>();
    for (int j = 1; j < gws.size(); j++) {
      for (int i = 0; i < j; i++) {
        String clash = clash(gws.get(i), gws.get(j));
        if (clash != null) {
          out.add(result(gws.get(j), gws.get(i), clash));
          break;
        }
      }
    }
    return out;
  }

  /** {@code port/host} both serve, or null. */
  private static String clash(IstioConfigFacts a, IstioConfigFacts b) {
    Map<String, String> sel = GatewayServers.selector(a);
    if (sel.isEmpty() || !sel.equals(GatewayServers.selector(b))) {
      return null;
    }
    for (GatewayServers.Server sa : GatewayServers.servers(a)) {
      for (GatewayServers.Server sb : GatewayServers.servers(b)) {
        if (sa.port() != sb.port()) {
          continue;
        }
        for (String ha : sa.hosts()) {
          for (String hb : sb.hosts()) {
            if (Hosts.intersect(Hosts.gatewayHost(ha), Hosts.gatewayHost(hb))) {
              return sa.port() + "/" + Hosts.gatewayHost(hb);
            }
          }
        }
      }
    }
    return null;
  }

  private static RuleResult result(IstioConfigFacts gw, IstioConfigFacts other, String clash) {
    String otherName = other.meta().namespace() + "/" + other.meta().name();
    return RuleResult.of(
        INFO,
        Specs.ref(gw),
        String.format(
            "%s: port and host %s are also served by Gateway %s with the same selector; merge"
                + " them or give each its own hosts",
            Subjects.describe(Specs.ref(gw)), clash, otherName),
        Map.of("conflictsWith", otherName, "portHost", clash));
  }
}
