package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * MW0129 (IST0140): a VirtualService bound to gateways routes to a host without a subset, while
 * some VirtualService (itself included, in any namespace) routes that host to a subset: the subset
 * split does not apply to the gateway's requests. istioctl's check in {@code
 * analyzers/virtualservice/destinationhosts.go} (the same in 1.22–1.31), reproduced: a
 * VirtualService "has subsets" for each HTTP route destination with a subset whose host is written
 * exactly as one of its own {@code hosts}; a VirtualService with any {@code gateways} entry (even
 * only {@code mesh}) is checked, per HTTP route destination without a subset whose host is written
 * exactly as such a destination's host. One result per such destination and VirtualService with
 * subsets, as istioctl gives on files (where the line tells destinations apart).
 */
public final class IngressSubsetIneffectiveRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0129",
          Severity.WARNING,
          "IST0140",
          "Subset routing has no effect on a gateway's requests");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<IstioConfigFacts> all =
        index.configs(FactKind.VirtualService).stream()
            .filter(vs -> !IstioKeys.EXCLUDED_NAMESPACES.contains(vs.meta().namespace()))
            .sorted(
                Comparator.comparing((IstioConfigFacts vs) -> vs.meta().namespace())
                    .thenComparing(vs -> vs.meta().name()))
            .toList();
    Map<String, Set<String>> subsetHostsByVs = new TreeMap<>();
    for (IstioConfigFacts vs : all) {
      Set<String> hosts = subsetHosts(vs);
      if (!hosts.isEmpty()) {
        subsetHostsByVs.put(fullName(vs), hosts);
      }
    }
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts vs : all) {
      if (vs.spec().path("gateways").isEmpty()) {
        continue;
      }
      JsonNode http = vs.spec().path("http");
      for (int rule = 0; rule < http.size(); rule++) {
        JsonNode routes = http.get(rule).path("route");
        for (int route = 0; route < routes.size(); route++) {
          JsonNode destination = routes.get(route).path("destination");
          if (!destination.path("subset").asText("").isEmpty()) {
            continue;
          }
          String host = destination.path("host").asText("");
          for (Map.Entry<String, Set<String>> other : subsetHostsByVs.entrySet()) {
            if (other.getValue().contains(host)) {
              out.add(result(vs, other.getKey(), host, rule, route));
            }
          }
        }
      }
    }
    return out;
  }

  private static RuleResult result(
      IstioConfigFacts vs, String other, String host, int rule, int route) {
    return RuleResult.of(
        INFO,
        Specs.ref(vs),
        String.format(
            "%s: http[%d].route[%d] to %s: Subset in virtual service %s has no effect on ingress"
                + " gateway %s requests",
            Subjects.describe(Specs.ref(vs)), rule, route, host, other, fullName(vs)),
        Map.of(
            "host",
            host,
            "virtualService",
            other,
            "route",
            "http[" + rule + "].route[" + route + "]"));
  }

  /** The hosts of {@code vs} that one of its own HTTP route destinations routes to a subset. */
  private static Set<String> subsetHosts(IstioConfigFacts vs) {
    Set<String> own = new LinkedHashSet<>(Specs.texts(vs.spec().path("hosts")));
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode http : vs.spec().path("http")) {
      for (JsonNode route : http.path("route")) {
        JsonNode destination = route.path("destination");
        String host = destination.path("host").asText("");
        if (!destination.path("subset").asText("").isEmpty() && own.contains(host)) {
          out.add(host);
        }
      }
    }
    return out;
  }

  private static String fullName(IstioConfigFacts vs) {
    return vs.meta().namespace() + "/" + vs.meta().name();
  }
}
