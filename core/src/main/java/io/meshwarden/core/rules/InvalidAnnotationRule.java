package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * MW0033 (IST0125): a pod annotation whose value the injector's check rejects; the webhook denies
 * such a pod, so it is not created. Same objects and granularity as istioctl (one result per object
 * and annotation); see {@link AnnotationProblems}.
 */
public final class InvalidAnnotationRule implements MeshRule, NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0033", Severity.WARNING, "IST0125", "Invalid Istio annotation value");

  /**
   * Why Istio's injector would refuse to create a pod with {@code annotations} (its annotation
   * checks fail, so the webhook denies the pod), in the injector's own words; empty when it would
   * admit it. A restart of a workload whose template fails here would leave it without pods.
   */
  public static Optional<String> injectorDenial(Map<String, String> annotations) {
    return new TreeMap<>(annotations)
        .entrySet().stream()
            .flatMap(
                e ->
                    AnnotationValues.problem(e.getKey(), e.getValue())
                        .map(p -> e.getKey() + ": " + p)
                        .stream())
            .findFirst();
  }

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    return results(AnnotationProblems.ofMesh(mesh, AnnotationProblems.Type.INVALID));
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    return results(AnnotationProblems.ofNamespace(namespace, AnnotationProblems.Type.INVALID));
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
                        + "Invalid annotation "
                        + p.annotation()
                        + ": "
                        + p.detail(),
                    Map.of("annotation", p.annotation())))
        .toList();
  }
}
