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
 * As istioctl, one result per missing gateway entry, and a Gateway API Gateway of that name does
 * not count (see {@link VirtualServiceGateways}); generated internal names are MW0128's.
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
      String ns = vs.meta().namespace();
      for (String ref : VirtualServiceGateways.named(vs)) {
        if (VirtualServiceGateways.internal(ref)
            || VirtualServiceGateways.find(index.mesh(), ref, ns).isPresent()) {
          continue;
        }
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(vs),
                String.format(
                    "%s: gateway %s not found; create the networking.istio.io Gateway or write"
                        + " <namespace>/<name> of an existing one",
                    Subjects.describe(Specs.ref(vs)), ref),
                Map.of("gateway", ref)));
      }
    }
    return out;
  }
}
