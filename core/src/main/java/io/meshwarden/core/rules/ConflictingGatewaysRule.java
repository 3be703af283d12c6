package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioVersion;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import io.meshwarden.core.model.hosts.Hosts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * MW0112 (IST0145): Gateways that select the same gateway pods serve one port for one host, so
 * which server a request meets is undefined. As istioctl, one result per server of each Gateway
 * that conflicts with another Gateway; the other Gateway's servers on a port are its last server
 * with that port number. What "same pods" and "one host" mean follows the release:
 *
 * <ul>
 *   <li>up to 1.23: identical selectors, the same port, hosts that overlap (wildcards count),
 *       {@code bind} ignored;
 *   <li>1.24: selectors identical, or one's text inside the other's and a pod selected by both;
 *       hosts written identically with the same {@code bind}; the port is not compared (a defect of
 *       that release, kept so that verdicts follow it);
 *   <li>from 1.25: as 1.24, and the port must be the same.
 * </ul>
 */
public final class ConflictingGatewaysRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0112", Severity.ERROR, "IST0145", "Conflicting gateways");

  private final IstioVersion fixedVersion;

  public ConflictingGatewaysRule() {
    this(null);
  }

  /** A rule that applies {@code version}'s semantics whatever the mesh runs (for tests). */
  ConflictingGatewaysRule(IstioVersion version) {
    this.fixedVersion = version;
  }

  @Override
  public RuleInfo info() {
    return INFO;
  }

  /** One Gateway as the analyzer keys it: selector text, and per port its last server. */
  private record Keyed(
      IstioConfigFacts gw, String selector, Map<Integer, GatewayServers.Server> lastByPort) {
    String name() {
      return gw.meta().namespace() + "/" + gw.meta().name();
    }
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    IstioVersion version = fixedVersion != null ? fixedVersion : AnalyzerVersion.of(index.mesh());
    List<Keyed> gws =
        index.configs(FactKind.Gateway).stream()
            .sorted(Comparator.comparing(g -> g.meta().namespace() + "/" + g.meta().name()))
            .map(ConflictingGatewaysRule::keyed)
            .toList();
    List<PodView> pods = new ArrayList<>();
    index.cluster().namespaces().values().stream().map(NamespaceView::pods).forEach(pods::addAll);
    List<RuleResult> out = new ArrayList<>();
    for (Keyed g : gws) {
      List<Keyed> same =
          gws.stream().filter(o -> o != g && sameWorkload(g, o, pods, version)).toList();
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (GatewayServers.Server server : GatewayServers.servers(g.gw())) {
        TreeSet<String> others = new TreeSet<>();
        for (Keyed o : same) {
          for (GatewayServers.Server os : o.lastByPort().values()) {
            boolean portMatters = !version.atLeast(1, 24) || version.atLeast(1, 25);
            if (portMatters && os.port() != server.port()) {
              continue;
            }
            if (hostsClash(server, os, version)) {
              others.add(o.name());
            }
          }
        }
        if (!others.isEmpty()) {
          RuleResult r = result(g, server, String.join(",", others));
          if (seen.add(r.message())) {
            out.add(r);
          }
        }
      }
    }
    return out;
  }

  private static Keyed keyed(IstioConfigFacts gw) {
    Map<Integer, GatewayServers.Server> last = new LinkedHashMap<>();
    GatewayServers.servers(gw).forEach(s -> last.put(s.port(), s));
    return new Keyed(gw, selectorText(GatewayServers.selector(gw)), last);
  }

  /** A selector as Kubernetes prints it: {@code k=v} pairs sorted by key, comma-separated. */
  static String selectorText(Map<String, String> selector) {
    StringBuilder b = new StringBuilder();
    new java.util.TreeMap<>(selector)
        .forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return b.toString();
  }

  private static boolean sameWorkload(Keyed a, Keyed b, List<PodView> pods, IstioVersion version) {
    if (a.selector().equals(b.selector())) {
      return true;
    }
    if (!version.atLeast(1, 24)
        || !(a.selector().contains(b.selector()) || b.selector().contains(a.selector()))) {
      return false;
    }
    LabelSelector sa = new LabelSelector(GatewayServers.selector(a.gw()), List.of());
    LabelSelector sb = new LabelSelector(GatewayServers.selector(b.gw()), List.of());
    return pods.stream()
        .map(p -> p.facts().meta().labels())
        .anyMatch(l -> sa.matches(l) && sb.matches(l));
  }

  private static boolean hostsClash(
      GatewayServers.Server server, GatewayServers.Server other, IstioVersion version) {
    for (String h : server.hosts()) {
      for (String oh : other.hosts()) {
        if (version.atLeast(1, 24)
            ? h.equals(oh) && Objects.equals(server.bind(), other.bind())
            : Hosts.intersect(h, oh)) {
          return true;
        }
      }
    }
    return false;
  }

  private static RuleResult result(Keyed g, GatewayServers.Server server, String others) {
    String hosts = String.join(",", server.hosts());
    return RuleResult.of(
        INFO,
        Specs.ref(g.gw()),
        String.format(
            "%s: its server for port %d and hosts %s conflicts with Gateway %s on the same gateway"
                + " workload (selector %s); merge them or give each its own hosts",
            Subjects.describe(Specs.ref(g.gw())), server.port(), hosts, others, g.selector()),
        Map.of(
            "conflictsWith",
            others,
            "port",
            String.valueOf(server.port()),
            "hosts",
            hosts,
            "selector",
            g.selector()));
  }
}
