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
 * MW0120 (IST0101): a VirtualService routes to a host that no Service or ServiceEntry visible from
 * its namespace declares (short names resolve in the VirtualService's namespace). Silent when the
 * input holds no Services or ServiceEntries at all.
 */
public final class VirtualServiceHostNotFoundRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0120", Severity.ERROR, "IST0101", "VirtualService destination not found");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<RuleResult> out = new ArrayList<>();
    if (index.hosts().isEmpty()) {
      return out;
    }
    for (IstioConfigFacts vs : index.configs(FactKind.VirtualService)) {
      String ns = vs.meta().namespace();
      Set<String> missing = new TreeSet<>();
      for (VirtualServices.Destination d : VirtualServices.destinations(vs)) {
        if (!d.host().isEmpty() && index.hosts().resolve(d.host(), ns).isEmpty()) {
          missing.add(d.host());
        }
      }
      if (!missing.isEmpty()) {
        String hosts = String.join(",", missing);
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(vs),
                String.format(
                    "%s: destination host %s matches no Service or ServiceEntry visible from %s;"
                        + " fix the host or create the service",
                    Subjects.describe(Specs.ref(vs)), hosts, ns),
                Map.of("hosts", hosts)));
      }
    }
    return out;
  }
}
