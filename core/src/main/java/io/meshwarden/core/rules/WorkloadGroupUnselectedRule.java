package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.List;
import java.util.Map;

/**
 * MW0152 (meshwarden's own): a WorkloadGroup's template labels ({@code spec.metadata.labels}) match
 * no ServiceEntry's {@code workloadSelector} in its namespace, so the WorkloadEntries it creates
 * for VMs that register will serve no service.
 */
public final class WorkloadGroupUnselectedRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0152", Severity.WARNING, null, "WorkloadGroup matches no ServiceEntry");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    return namespace.istioConfig(FactKind.WorkloadGroup).stream()
        .filter(wg -> WorkloadEntries.selecting(mesh, namespace.name(), labels(wg)).isEmpty())
        .map(
            wg ->
                RuleResult.of(
                    INFO,
                    Specs.ref(wg),
                    String.format(
                        "%s: template labels %s match no ServiceEntry workloadSelector in %s;"
                            + " align the labels with a ServiceEntry",
                        Subjects.describe(Specs.ref(wg)), labels(wg), namespace.name()),
                    Map.of("labels", labels(wg).toString())))
        .toList();
  }

  private static Map<String, String> labels(IstioConfigFacts wg) {
    return Specs.labels(wg.spec().path("metadata").path("labels"));
  }
}
