package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * MW0114 (IST0101): a Gateway server's {@code credentialName} names a Secret that does not exist in
 * the namespace of the gateway workload, where the gateway reads it, so TLS on that port fails. The
 * watcher sends Secret names and types only. Silent when the input holds no Secrets at all.
 */
public final class GatewayCredentialMissingRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0114", Severity.ERROR, "IST0101", "Gateway credential Secret missing");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<RuleResult> out = new ArrayList<>();
    if (!index.hasSecrets()) {
      return out;
    }
    for (IstioConfigFacts gw : index.configs(FactKind.Gateway)) {
      Set<String> namespaces = new TreeSet<>();
      for (WorkloadView w : index.selected(null, GatewayServers.selector(gw))) {
        namespaces.add(w.ref().namespace());
      }
      Set<String> missing = new TreeSet<>();
      for (GatewayServers.Server s : GatewayServers.servers(gw)) {
        String secret = s.credentialName();
        for (String ns : secret == null ? Set.<String>of() : namespaces) {
          if (!index.namespace(ns).map(v -> v.hasSecret(secret)).orElse(false)) {
            missing.add(ns + "/" + secret);
          }
        }
      }
      if (!missing.isEmpty()) {
        out.add(result(gw, String.join(",", missing)));
      }
    }
    return out;
  }

  private static RuleResult result(IstioConfigFacts gw, String missing) {
    return RuleResult.of(
        INFO,
        Specs.ref(gw),
        String.format(
            "%s: credential Secret %s not found where the gateway workload runs; create the"
                + " Secret in the gateway's namespace",
            Subjects.describe(Specs.ref(gw)), missing),
        Map.of("missingSecrets", missing));
  }
}
