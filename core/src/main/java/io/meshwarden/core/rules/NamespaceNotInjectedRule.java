package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0013 (IST0102): a namespace outside the system namespaces has no injection label ({@code
 * istio-injection} absent or empty, no {@code istio.io/rev}) and is not ambient, so its pods join
 * the mesh only by pod label. Silent when the revision-less injector ConfigMap enables namespaces
 * by default (MW0014 says so instead), as istioctl decides.
 */
public final class NamespaceNotInjectedRule implements MeshRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0013", Severity.INFO, "IST0102", "Namespace not labelled for injection");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    if (Namespaces.istioctlSeesNamespacesByDefault(mesh)) {
      return List.of();
    }
    List<RuleResult> results = new ArrayList<>();
    for (NamespaceFacts ns : mesh.namespaces().values()) {
      if (!Namespaces.unlabelledForIstioctl(ns)) {
        continue;
      }
      String name = ns.meta().name();
      results.add(
          RuleResult.of(
              INFO,
              Namespaces.ref(ns),
              String.format(
                  "Namespace %s has no injection label; label it ('kubectl label namespace %s"
                      + " istio.io/rev=<rev>' or istio-injection=enabled) or istio-injection=disabled"
                      + " to opt out explicitly",
                  name, name),
              Map.of()));
    }
    return results;
  }
}
