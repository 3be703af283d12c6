package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MW0114 (IST0101): a Gateway server's {@code credentialName} names a Secret that does not exist in
 * the namespace of the gateway workload, where the gateway reads it, so TLS on that port fails. As
 * istioctl: the gateway's namespace is that of the first pod (by namespace and name, of any
 * namespace; a Deployment's pod template does not count) whose labels hold every pair of the
 * Gateway's selector, {@code ns/name} names another namespace, one result per missing credential,
 * also when the input holds no Secrets at all. Silent when no pod matches (MW0110 reports that).
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
    for (IstioConfigFacts gw : index.configs(FactKind.Gateway)) {
      LabelSelector selector = LabelSelector.ofMatchLabels(GatewayServers.selector(gw));
      Optional<String> gwNs =
          index.cluster().namespaces().values().stream()
              .flatMap(ns -> ns.pods().stream())
              .filter(p -> selector.matches(p.facts().meta().labels()))
              .map(p -> p.facts().meta().namespace() + "/" + p.facts().meta().name())
              .sorted()
              .findFirst()
              .map(n -> n.substring(0, n.indexOf('/')));
      if (gwNs.isEmpty()) {
        continue;
      }
      Set<String> missing = new LinkedHashSet<>();
      for (GatewayServers.Server s : GatewayServers.servers(gw)) {
        String secret = s.credentialName();
        if (secret == null) {
          continue;
        }
        int slash = secret.indexOf('/');
        String ns = slash < 0 ? gwNs.get() : secret.substring(0, slash);
        String name = slash < 0 ? secret : secret.substring(slash + 1);
        if (!index.namespace(ns).map(v -> v.hasSecret(name)).orElse(false)) {
          missing.add(secret);
        }
      }
      for (String secret : missing) {
        out.add(result(gw, secret, gwNs.get()));
      }
    }
    return out;
  }

  private static RuleResult result(IstioConfigFacts gw, String secret, String gwNs) {
    return RuleResult.of(
        INFO,
        Specs.ref(gw),
        String.format(
            "%s: credentialName %s names no Secret in %s, where the gateway workload runs;"
                + " create the Secret there",
            Subjects.describe(Specs.ref(gw)), secret, gwNs),
        Map.of("credentialName", secret, "gatewayNamespace", gwNs));
  }
}
