package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.List;
import java.util.Map;

/**
 * MW0163 (IST0167): a Sidecar resource in a namespace labelled {@code
 * istio.io/dataplane-mode=ambient}; ambient workloads have no sidecar proxy, so it has no effect.
 */
public final class SidecarInAmbientNamespaceRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0163", Severity.WARNING, "IST0167", "Sidecar in an ambient namespace");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    String mode = mesh.namespaceLabels(namespace.name()).get(IstioKeys.DATAPLANE_MODE);
    if (!"ambient".equals(mode)) {
      return List.of();
    }
    return namespace.istioConfig(FactKind.Sidecar).stream()
        .map(
            s ->
                RuleResult.of(
                    INFO,
                    Specs.ref(s),
                    String.format(
                        "%s: namespace %s is ambient, so this Sidecar has no effect; delete it"
                            + " or move its settings to a waypoint",
                        Subjects.describe(Specs.ref(s)), namespace.name()),
                    Map.of("dataplaneMode", mode)))
        .toList();
  }
}
