package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.PodView;
import io.meshwarden.core.model.hosts.ServiceHost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * MW0170 (meshwarden's own): a VirtualService splits traffic by weight across subsets, and the
 * canary cannot work as written: a subset has no running pod, some of a subset's pods have no
 * sidecar (subset routing needs the client and server proxies), or the subsets run different proxy
 * revisions (the experiment measures the mesh upgrade, not the release). Judged only for Kubernetes
 * Services whose namespace has running pods in the input.
 */
public final class CanarySplitRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0170", Severity.WARNING, null, "Weighted canary cannot work as written");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts vs : index.configs(FactKind.VirtualService)) {
      List<String> problems = new ArrayList<>();
      Map<Integer, List<VirtualServices.Destination>> byRule = new TreeMap<>();
      VirtualServices.destinations(vs).stream()
          .filter(d -> d.section().equals("http") && d.subset() != null && d.weight() != null)
          .forEach(d -> byRule.computeIfAbsent(d.rule(), k -> new ArrayList<>()).add(d));
      byRule.values().stream()
          .filter(split -> split.size() > 1)
          .forEach(split -> problems.addAll(judge(index, vs, split)));
      if (!problems.isEmpty()) {
        String joined = String.join("; ", problems);
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(vs),
                String.format(
                    "%s: the weighted split cannot work as written: %s; fix the subsets' pods"
                        + " before shifting traffic",
                    Subjects.describe(Specs.ref(vs)), joined),
                Map.of("problems", joined)));
      }
    }
    return out;
  }

  private static List<String> judge(
      MeshIndex index, IstioConfigFacts vs, List<VirtualServices.Destination> split) {
    String ns = vs.meta().namespace();
    List<String> problems = new ArrayList<>();
    Map<String, Set<String>> revisions = new TreeMap<>();
    for (VirtualServices.Destination d : split) {
      ServiceHost svc = index.hosts().services(d.host(), ns).stream().findFirst().orElse(null);
      if (svc == null || svc.selector().isEmpty()) {
        continue;
      }
      String svcNs = svc.source().namespace();
      boolean running = index.namespace(svcNs).map(v -> !v.pods().isEmpty()).orElse(false);
      String fqdn = index.hosts().qualify(d.host(), ns);
      Map<String, String> subset =
          DestinationRules.subsets(DestinationRules.forHost(index, fqdn, ns)).get(d.subset());
      if (!running || subset == null) {
        continue;
      }
      Map<String, String> labels = new HashMap<>(svc.selector());
      labels.putAll(subset);
      List<PodView> pods = index.pods(svcNs, List.of(labels));
      String name = d.host() + "/" + d.subset();
      if (pods.isEmpty()) {
        problems.add("subset " + name + " has no running pod");
        continue;
      }
      long bare = pods.stream().filter(p -> !p.proxy().injected()).count();
      if (bare > 0) {
        problems.add(
            "subset " + name + ": " + bare + " of " + pods.size() + " pods have no sidecar");
      }
      pods.stream()
          .filter(p -> p.proxy().revision() != null)
          .forEach(
              p ->
                  revisions
                      .computeIfAbsent(d.subset(), k -> new TreeSet<>())
                      .add(p.proxy().revision()));
    }
    Set<String> all = new TreeSet<>();
    revisions.values().forEach(all::addAll);
    if (all.size() > 1) {
      problems.add("subsets run different proxy revisions " + revisions);
    }
    return problems;
  }
}
