package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import java.util.List;
import java.util.Map;

/**
 * MW0031 (IST0108): an annotation in an Istio prefix (one ending with {@code istio.io}) that Istio
 * does not define, usually a typo, so it has no effect. Same objects and granularity as istioctl
 * (one result per object and annotation); see {@link AnnotationProblems}.
 */
public final class UnknownAnnotationRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0031", Severity.WARNING, "IST0108", "Unknown Istio annotation");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    return AnnotationProblems.of(index, AnnotationProblems.Type.UNKNOWN).stream()
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
