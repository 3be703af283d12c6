package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.hosts.Hosts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * MW0125 (IST0109): VirtualServices bound to the mesh claim one host within one export scope, so
 * sidecars use only one of them. As istioctl: each VirtualService exports its hosts to the scope
 * {@code *} (no {@code exportTo}, or one containing {@code *}) or to each namespace it names
 * ({@code .} = its own); a short host is qualified with the VirtualService's namespace. Two
 * VirtualServices collide on the same scope and host; a namespace scope also collides with a {@code
 * *}-scoped host that matches it (wildcards count there only). Each VirtualService involved is
 * reported once, however many collisions it is part of.
 */
public final class VirtualServiceConflictingHostsRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0125", Severity.ERROR, "IST0109", "VirtualServices claim the same mesh host");

  private static final String ALL = "*";

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    Map<String, List<IstioConfigFacts>> byScopedHost = scopedHosts(index);
    Map<String, RuleResult> reported = new TreeMap<>();
    for (Map.Entry<String, List<IstioConfigFacts>> e : byScopedHost.entrySet()) {
      String scope = e.getKey().substring(0, e.getKey().indexOf('/'));
      String host = e.getKey().substring(e.getKey().indexOf('/') + 1);
      List<IstioConfigFacts> claimants = new ArrayList<>(e.getValue());
      if (!scope.equals(ALL)) {
        byScopedHost.forEach(
            (k, list) -> {
              String otherScope = k.substring(0, k.indexOf('/'));
              String otherHost = k.substring(k.indexOf('/') + 1);
              if (otherScope.equals(ALL) && Hosts.intersect(host, otherHost)) {
                claimants.addAll(list);
              }
            });
      }
      if (claimants.size() < 2) {
        continue;
      }
      Set<String> names = new TreeSet<>();
      claimants.forEach(v -> names.add(name(v)));
      for (IstioConfigFacts vs : claimants) {
        reported.computeIfAbsent(name(vs), k -> result(vs, names, e.getKey()));
      }
    }
    return List.copyOf(reported.values());
  }

  /** {@code scope/fqdn} to the mesh VirtualServices that export that host to that scope. */
  private static Map<String, List<IstioConfigFacts>> scopedHosts(MeshIndex index) {
    Map<String, List<IstioConfigFacts>> out = new TreeMap<>();
    index.configs(FactKind.VirtualService).stream()
        .filter(VirtualServices::boundToMesh)
        .sorted(Comparator.comparing(VirtualServiceConflictingHostsRule::name))
        .forEach(
            vs -> {
              String ns = vs.meta().namespace();
              for (String scope : scopes(vs)) {
                for (String h : VirtualServices.hosts(vs)) {
                  out.computeIfAbsent(scope + "/" + fqdn(h, ns), k -> new ArrayList<>()).add(vs);
                }
              }
            });
    return out;
  }

  private static Set<String> scopes(IstioConfigFacts vs) {
    List<String> exportTo = Specs.texts(vs.spec().path("exportTo"));
    if (exportTo.isEmpty() || exportTo.contains(ALL)) {
      return Set.of(ALL);
    }
    Set<String> out = new LinkedHashSet<>();
    exportTo.forEach(e -> out.add(e.equals(".") ? vs.meta().namespace() : e));
    return out;
  }

  /** A host as istioctl keys it: short names (no dot, no leading {@code *}) are qualified. */
  static String fqdn(String host, String namespace) {
    if (host.startsWith("*") || host.contains(".")) {
      return host;
    }
    return host + "." + namespace + ".svc." + Hosts.DEFAULT_DOMAIN;
  }

  private static String name(IstioConfigFacts vs) {
    return vs.meta().namespace() + "/" + vs.meta().name();
  }

  private static RuleResult result(IstioConfigFacts vs, Set<String> names, String scopedHost) {
    String all = String.join(",", names);
    return RuleResult.of(
        INFO,
        Specs.ref(vs),
        String.format(
            "%s: VirtualServices %s bound to the mesh define the same host %s; merge the routes"
                + " into one VirtualService",
            Subjects.describe(Specs.ref(vs)), all, scopedHost),
        Map.of("virtualServices", all, "scopedHost", scopedHost));
  }
}
