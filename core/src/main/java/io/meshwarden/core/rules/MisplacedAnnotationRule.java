package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.List;
import java.util.Map;

/**
 * MW0032 (IST0107): an Istio annotation on a kind it does not apply to (a pod annotation on a
 * Deployment or a Namespace), so it has no effect. Same objects and granularity as istioctl (one
 * result per object and annotation); see {@link AnnotationProblems}.
 */
public final class MisplacedAnnotationRule implements MeshRule, NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0032", Severity.WARNING, "IST0107", "Istio annotation on the wrong kind");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    return results(AnnotationProblems.ofMesh(mesh, AnnotationProblems.Type.MISPLACED));
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    return results(AnnotationProblems.ofNamespace(namespace, AnnotationProblems.Type.MISPLACED));
  }

  private static List<RuleResult> results(List<AnnotationProblems.Problem> problems) {
    return problems.stream()
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
