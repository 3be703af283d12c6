package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.List;
import java.util.Map;

/**
 * MW0031 (IST0108): an annotation in an Istio prefix (one ending with {@code istio.io}) that Istio
 * does not define, usually a typo, so it has no effect. Same objects and granularity as istioctl
 * (one result per object and annotation); see {@link AnnotationProblems}.
 */
public final class UnknownAnnotationRule implements MeshRule, NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0031", Severity.WARNING, "IST0108", "Unknown Istio annotation");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    return results(AnnotationProblems.ofMesh(mesh, AnnotationProblems.Type.UNKNOWN));
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    return results(AnnotationProblems.ofNamespace(namespace, AnnotationProblems.Type.UNKNOWN));
  }

  private static List<RuleResult> results(List<AnnotationProblems.Problem> problems) {
    return problems.stream()
        .map(
            p ->
                RuleResult.of(
                    INFO,
                    p.subject(),
                    Subjects.describe(p.subject()) + ": " + "Unknown annotation: " + p.annotation(),
                    Map.of("annotation", p.annotation())))
        .toList();
  }
}
