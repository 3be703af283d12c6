package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.List;
import java.util.Map;

/**
 * MW0034 (IST0135): an annotation Istio marks deprecated. Same objects and granularity as istioctl
 * (one result per object and annotation); see {@link AnnotationProblems}.
 */
public final class DeprecatedAnnotationRule implements MeshRule, NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0034", Severity.INFO, "IST0135", "Deprecated Istio annotation");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    return results(AnnotationProblems.ofMesh(mesh, AnnotationProblems.Type.DEPRECATED));
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    return results(AnnotationProblems.ofNamespace(namespace, AnnotationProblems.Type.DEPRECATED));
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
                        + "Annotation "
                        + AnnotationValues.quote(p.annotation())
                        + " has been deprecated"
                        + p.detail()
                        + " and may not work in future Istio versions.",
                    Map.of("annotation", p.annotation())))
        .toList();
  }
}
