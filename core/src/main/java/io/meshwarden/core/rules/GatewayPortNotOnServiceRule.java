package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioVersion;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * MW0111 (IST0162): a Gateway server listens on a port that no TCP port of the Services selecting
 * its gateway pods forwards to. As istioctl: the gateway pods are the pods (of any namespace) whose
 * labels hold every pair of the Gateway's selector (an empty selector selects every pod); their
 * Services are those of the pod's namespace whose selector the pod matches (an empty selector
 * matches every pod); a Service port with protocol TCP offers its {@code targetPort} when that is a
 * number and its {@code port} otherwise, and, from 1.23, also its {@code port}; a port that left
 * {@code protocol} out (only a file can) offers nothing, as istioctl reads files without the API
 * server's TCP default. One result per port number of the Gateway's servers that nothing offers,
 * also when no Service selects the pods at all. When no pod matches the selector istioctl reports
 * IST0101 instead (MW0110) and this rule is silent.
 */
public final class GatewayPortNotOnServiceRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0111", Severity.WARNING, "IST0162", "Gateway port not exposed by its Service");

  private final IstioVersion fixedVersion;

  public GatewayPortNotOnServiceRule() {
    this(null);
  }

  /** A rule that applies {@code version}'s semantics whatever the mesh runs (for tests). */
  GatewayPortNotOnServiceRule(IstioVersion version) {
    this.fixedVersion = version;
  }

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    var version = fixedVersion != null ? fixedVersion : AnalyzerVersion.of(index.mesh());
    boolean servicePortCounts = version.atLeast(1, 23);
    List<PodView> pods = new ArrayList<>();
    index.cluster().namespaces().values().stream().map(NamespaceView::pods).forEach(pods::addAll);
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts gw : index.configs(FactKind.Gateway)) {
      Map<String, String> selector = GatewayServers.selector(gw);
      List<PodView> selected =
          pods.stream().filter(p -> matches(selector, p.facts().meta().labels())).toList();
      if (selected.isEmpty()) {
        continue;
      }
      Set<Integer> offered = new HashSet<>();
      for (PodView pod : selected) {
        for (ServiceFacts s : index.mesh().services()) {
          if (s.meta().namespace().equals(pod.facts().meta().namespace())
              && matches(s.selector(), pod.facts().meta().labels())) {
            offered.addAll(offeredPorts(s, servicePortCounts));
          }
        }
      }
      Set<Integer> missing = new LinkedHashSet<>();
      for (JsonNode server : gw.spec().path("servers")) {
        JsonNode port = server.path("port");
        if (port.isObject() && !offered.contains(port.path("number").asInt(0))) {
          missing.add(port.path("number").asInt(0));
        }
      }
      String sel = selectorText(selector);
      for (int p : missing) {
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(gw),
                String.format(
                    "%s: the gateway listens on port %d, which no Service of its workload"
                        + " instances (pod selector %s) forwards to; add the port to the Service or"
                        + " use one it exposes",
                    Subjects.describe(Specs.ref(gw)), p, sel),
                Map.of("port", Integer.toString(p), "selector", sel)));
      }
    }
    return out;
  }

  private static Set<Integer> offeredPorts(ServiceFacts s, boolean servicePortCounts) {
    Set<Integer> out = new HashSet<>();
    for (ServiceFacts.ServicePort p : s.ports()) {
      if (!"TCP".equals(p.protocol()) || p.protocolDefaulted()) {
        continue;
      }
      Integer target = number(p.targetPort());
      if (target == null || target == 0) {
        out.add(p.port());
      } else {
        out.add(target);
        if (servicePortCounts) {
          out.add(p.port());
        }
      }
    }
    return out;
  }

  private static Integer number(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  /** The selector as Kubernetes prints it: {@code k=v} pairs sorted by key, comma-separated. */
  private static String selectorText(Map<String, String> selector) {
    StringBuilder b = new StringBuilder();
    new TreeMap<>(selector)
        .forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return b.toString();
  }
}
