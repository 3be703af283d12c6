package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * MW0121 (IST0101): a VirtualService routes to a subset that no DestinationRule for that host
 * (visible from the VirtualService's namespace) defines; requests to it fail with 503.
 */
public final class VirtualServiceSubsetNotFoundRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0121", Severity.ERROR, "IST0101", "VirtualService subset not defined");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts vs : index.configs(FactKind.VirtualService)) {
      String ns = vs.meta().namespace();
      Set<String> missing = new TreeSet<>();
      for (VirtualServices.Destination d : VirtualServices.destinations(vs)) {
        if (d.subset() == null) {
          continue;
        }
        String fqdn = index.hosts().qualify(d.host(), ns);
        var drs = DestinationRules.forHost(index, fqdn, ns);
        if (!DestinationRules.subsets(drs).containsKey(d.subset())) {
          missing.add(d.host() + "/" + d.subset());
        }
      }
      if (!missing.isEmpty()) {
        String subsets = String.join(",", missing);
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(vs),
                String.format(
                    "%s: subset %s is not defined by any DestinationRule for that host; add the"
                        + " subset to the host's DestinationRule",
                    Subjects.describe(Specs.ref(vs)), subsets),
                Map.of("subsets", subsets)));
      }
    }
    return out;
  }
}
