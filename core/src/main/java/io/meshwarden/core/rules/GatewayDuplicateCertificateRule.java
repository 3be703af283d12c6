package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * MW0113 (IST0138): one certificate ({@code credentialName}) is used by several Gateways on the
 * same gateway workload; HTTP/2 clients reuse connections across their hosts and get 404s. Each
 * Gateway involved is reported, naming the others.
 */
public final class GatewayDuplicateCertificateRule implements MeshRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0113", Severity.WARNING, "IST0138", "One certificate on several gateways");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    Map<String, Set<String>> users = new TreeMap<>();
    Map<String, IstioConfigFacts> byName = new TreeMap<>();
    for (IstioConfigFacts gw : mesh.gateways()) {
      String name = gw.meta().namespace() + "/" + gw.meta().name();
      byName.put(name, gw);
      Map<String, String> selector = GatewayServers.selector(gw);
      for (GatewayServers.Server s : GatewayServers.servers(gw)) {
        if (s.credentialName() != null) {
          String key = new TreeMap<>(selector) + " " + s.credentialName();
          users.computeIfAbsent(key, k -> new TreeSet<>()).add(name);
        }
      }
    }
    List<RuleResult> out = new ArrayList<>();
    users.forEach(
        (key, names) -> {
          if (names.size() < 2) {
            return;
          }
          String credential = key.substring(key.lastIndexOf(' ') + 1);
          for (String name : names) {
            Set<String> others = new TreeSet<>(names);
            others.remove(name);
            IstioConfigFacts gw = byName.get(name);
            out.add(
                RuleResult.of(
                    INFO,
                    Specs.ref(gw),
                    String.format(
                        "%s: certificate %s is also used by Gateway %s on the same workload;"
                            + " serve those hosts from one Gateway server",
                        Subjects.describe(Specs.ref(gw)), credential, String.join(",", others)),
                    Map.of("credentialName", credential, "alsoUsedBy", String.join(",", others))));
          }
        });
    return out;
  }
}
