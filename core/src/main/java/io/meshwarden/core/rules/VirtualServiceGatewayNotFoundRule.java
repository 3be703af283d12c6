package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0123 (IST0101): a VirtualService binds to a Gateway that does not exist ({@code name} in the
 * VirtualService's namespace, or {@code namespace/name}); its routes never reach any proxy there.
 */
public final class VirtualServiceGatewayNotFoundRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0123", Severity.ERROR, "IST0101", "VirtualService gateway not found");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts vs : index.configs(FactKind.VirtualService)) {
      List<String> missing =
          VirtualServices.gateways(vs).stream()
              .filter(g -> !g.equals(VirtualServices.MESH))
              .filter(
                  g ->
                      VirtualServiceGateways.find(index.mesh(), g, vs.meta().namespace()).isEmpty())
              .sorted()
              .toList();
      if (!missing.isEmpty()) {
        String joined = String.join(",", missing);
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(vs),
                String.format(
                    "%s: gateway %s not found; create it or write <namespace>/<name> of an"
                        + " existing Gateway",
                    Subjects.describe(Specs.ref(vs)), joined),
                Map.of("gateways", joined)));
      }
    }
    return out;
  }
}
