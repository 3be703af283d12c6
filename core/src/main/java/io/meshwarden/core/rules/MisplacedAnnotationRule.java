package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import java.util.List;
import java.util.Map;

/**
 * MW0032 (IST0107): an Istio annotation on a kind it does not apply to (a pod annotation on a
 * Deployment or a Namespace), so it has no effect. Same objects and granularity as istioctl (one
 * result per object and annotation); see {@link AnnotationProblems}.
 */
public final class MisplacedAnnotationRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0032", Severity.WARNING, "IST0107", "Istio annotation on the wrong kind");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    return AnnotationProblems.of(index, AnnotationProblems.Type.MISPLACED).stream()
        .map(
            p ->
                RuleResult.of(
                    INFO,
                    p.subject(),
                    Subjects.describe(p.subject())
                        + ": "
                        + "Misplaced annotation: "
                        + p.annotation()
                        + " can only be applied to "
                        + p.detail(),
                    Map.of("annotation", p.annotation())))
        .toList();
  }
}
