package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.List;
import java.util.Map;

/**
 * MW0150 (meshwarden's own): no ServiceEntry in the WorkloadEntry's namespace selects it through
 * {@code workloadSelector}, so no service sends it traffic.
 */
public final class WorkloadEntryUnselectedRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0150", Severity.WARNING, null, "WorkloadEntry selected by no ServiceEntry");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    return namespace.istioConfig(FactKind.WorkloadEntry).stream()
        .filter(we -> WorkloadEntries.selecting(mesh, namespace.name(), labels(we)).isEmpty())
        .map(
            we ->
                RuleResult.of(
                    INFO,
                    Specs.ref(we),
                    String.format(
                        "%s: no ServiceEntry in %s selects labels %s; add a ServiceEntry whose"
                            + " workloadSelector matches them",
                        Subjects.describe(Specs.ref(we)), namespace.name(), labels(we)),
                    Map.of("labels", labels(we).toString())))
        .toList();
  }

  private static Map<String, String> labels(IstioConfigFacts we) {
    return WorkloadEntries.labels(we);
  }
}
