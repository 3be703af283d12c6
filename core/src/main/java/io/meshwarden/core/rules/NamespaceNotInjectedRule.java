package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0013 (IST0102): a namespace outside the system namespaces has no injection label and is not
 * ambient, so its pods join the mesh only by pod label. Silent when enableNamespacesByDefault
 * injects it (MW0014 says so instead).
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
    if (mesh.enableNamespacesByDefault()) {
      return List.of();
    }
    List<RuleResult> results = new ArrayList<>();
    for (NamespaceFacts ns : mesh.namespaces().values()) {
      String name = ns.meta().name();
      if (Namespaces.SYSTEM.contains(name)
          || Namespaces.label(ns, IstioKeys.ISTIO_INJECTION) != null
          || Namespaces.label(ns, IstioKeys.REV) != null
          || Namespaces.label(ns, IstioKeys.DATAPLANE_MODE) != null) {
        continue;
      }
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
