package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MW0163 (IST0167): a Sidecar that configures only proxies that do not exist, so it has no effect.
 * As istioctl: a Sidecar with a selector that selects a pod ambient redirects ({@code
 * ambient.istio.io/redirection: enabled}), and a Sidecar without one in an ambient namespace
 * ({@code istio.io/dataplane-mode=ambient} without {@code istio-injection=enabled} or {@code
 * istio.io/rev}). Each Sidecar is reported once.
 */
public final class SidecarInAmbientNamespaceRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0163", Severity.WARNING, "IST0167", "Sidecar in an ambient namespace");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    Map<String, RuleResult> out = new LinkedHashMap<>();
    for (Map.Entry<PodView, List<IstioConfigFacts>> e : Sidecars.byPod(namespace).entrySet()) {
      if (Sidecars.ambient(e.getKey())) {
        for (IstioConfigFacts s : e.getValue()) {
          out.computeIfAbsent(
              s.meta().name(),
              k -> result(s, "selected pod " + e.getKey().name() + " is in ambient mode"));
        }
      }
    }
    if (Sidecars.ambient(mesh.namespaceLabels(namespace.name()))) {
      for (IstioConfigFacts s : Sidecars.withoutSelector(namespace)) {
        out.computeIfAbsent(
            s.meta().name(), k -> result(s, "namespace " + namespace.name() + " is ambient"));
      }
    }
    return List.copyOf(out.values());
  }

  private static RuleResult result(IstioConfigFacts s, String why) {
    return RuleResult.of(
        INFO,
        Specs.ref(s),
        String.format(
            "%s: %s, so this Sidecar has no effect; delete it or move its settings to a"
                + " waypoint",
            Subjects.describe(Specs.ref(s)), why),
        Map.of("reason", why));
  }
}
