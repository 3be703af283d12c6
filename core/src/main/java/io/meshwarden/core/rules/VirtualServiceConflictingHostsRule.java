package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.hosts.ExportTo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * MW0125 (IST0109): two VirtualServices bound to the mesh claim the same host and are visible
 * together from some namespace; sidecars use only one of them. Each is reported, naming the other.
 */
public final class VirtualServiceConflictingHostsRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0125", Severity.ERROR, "IST0109", "VirtualServices claim the same mesh host");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<IstioConfigFacts> mesh =
        index.configs(FactKind.VirtualService).stream()
            .filter(VirtualServices::boundToMesh)
            .sorted(Comparator.comparing(v -> v.meta().namespace() + "/" + v.meta().name()))
            .toList();
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts a : mesh) {
      Set<String> hosts = new TreeSet<>();
      Set<String> others = new TreeSet<>();
      for (IstioConfigFacts b : mesh) {
        if (a == b || !visibleTogether(a, b)) {
          continue;
        }
        Set<String> shared = qualified(index, a);
        shared.retainAll(qualified(index, b));
        if (!shared.isEmpty()) {
          hosts.addAll(shared);
          others.add(b.meta().namespace() + "/" + b.meta().name());
        }
      }
      if (!others.isEmpty()) {
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(a),
                String.format(
                    "%s: mesh host %s is also claimed by VirtualService %s; merge the routes"
                        + " into one VirtualService",
                    Subjects.describe(Specs.ref(a)),
                    String.join(",", hosts),
                    String.join(",", others)),
                Map.of(
                    "hosts", String.join(",", hosts), "conflictsWith", String.join(",", others))));
      }
    }
    return out;
  }

  private static Set<String> qualified(MeshIndex index, IstioConfigFacts vs) {
    Set<String> out = new TreeSet<>();
    VirtualServices.hosts(vs)
        .forEach(h -> out.add(index.hosts().qualify(h, vs.meta().namespace())));
    return out;
  }

  private static boolean visibleTogether(IstioConfigFacts a, IstioConfigFacts b) {
    ExportTo ea = Specs.exportTo(a);
    return ea.overlaps(a.meta().namespace(), Specs.exportTo(b), b.meta().namespace());
  }
}
