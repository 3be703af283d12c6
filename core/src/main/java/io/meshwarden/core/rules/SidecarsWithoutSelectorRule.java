package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.List;
import java.util.Map;

/**
 * MW0160 (IST0111): more than one Sidecar without {@code workloadSelector} in a namespace; Istio
 * applies one of them to every workload there, and which is undefined. Each is reported. As
 * istioctl, an ambient namespace gets MW0163 for them instead.
 */
public final class SidecarsWithoutSelectorRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0160", Severity.ERROR, "IST0111", "Several selector-less Sidecars");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<IstioConfigFacts> defaults = Sidecars.withoutSelector(namespace);
    if (defaults.size() < 2 || Sidecars.ambient(mesh.namespaceLabels(namespace.name()))) {
      return List.of();
    }
    String names = Sidecars.names(defaults);
    return defaults.stream()
        .map(
            s ->
                RuleResult.of(
                    INFO,
                    Specs.ref(s),
                    String.format(
                        "%s: Sidecars %s in %s all lack a workloadSelector; keep one and give"
                            + " the others selectors",
                        Subjects.describe(Specs.ref(s)), names, namespace.name()),
                    Map.of("sidecars", names)))
        .toList();
  }
}
