package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodShape;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0015: the pod template uses the deprecated annotation {@code sidecar.istio.io/inject}. No
 * webhook reads annotations, so {@code "true"} alone injects nothing; the label is the supported
 * way. meshwarden's own check: istioctl reads only an object's own annotations, never a template's
 * (its IST0135 is {@link DeprecatedAnnotationRule}).
 */
public final class DeprecatedInjectAnnotationRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0015", Severity.INFO, null, "Deprecated injection annotation");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<RuleResult> results = new ArrayList<>();
    for (WorkloadView w : namespace.workloads()) {
      PodShape template = w.template();
      String value = template == null ? null : template.annotation(IstioKeys.INJECT);
      if (value == null) {
        continue;
      }
      results.add(
          RuleResult.of(
              INFO,
              w.ref(),
              String.format(
                  "%s: the pod template uses the deprecated annotation sidecar.istio.io/inject=%s;"
                      + " use the label sidecar.istio.io/inject=%s instead",
                  Subjects.describe(w.ref()), value, value),
              Map.of("annotation", value)));
    }
    return results;
  }
}
