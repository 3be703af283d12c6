package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0010 (IST0123): a namespace carries {@code istio-injection} together with {@code istio.io/rev}
 * (the former silently wins), or asks for sidecars while labelled ambient (it gets sidecars and no
 * ambient capture).
 */
public final class NamespaceLabelConflictRule implements MeshRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0010", Severity.WARNING, "IST0123", "Conflicting namespace injection labels");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    List<RuleResult> results = new ArrayList<>();
    for (NamespaceFacts ns : mesh.namespaces().values()) {
      String injection = Namespaces.label(ns, IstioKeys.ISTIO_INJECTION);
      String rev = Namespaces.label(ns, IstioKeys.REV);
      String name = ns.meta().name();
      if (injection != null && rev != null) {
        results.add(
            RuleResult.of(
                INFO,
                Namespaces.ref(ns),
                String.format(
                    "Namespace %s: labels istio-injection=%s and istio.io/rev=%s conflict and"
                        + " istio-injection wins; remove one ('kubectl label namespace %s"
                        + " istio-injection-')",
                    name, injection, rev, name),
                Map.of("istio-injection", injection, "istio.io/rev", rev)));
      } else if (Namespaces.ambient(ns) && Namespaces.asksForSidecars(ns)) {
        String label = injection != null ? "istio-injection=" + injection : "istio.io/rev=" + rev;
        results.add(
            RuleResult.of(
                INFO,
                Namespaces.ref(ns),
                String.format(
                    "Namespace %s: labelled both %s and istio.io/dataplane-mode=ambient, so pods"
                        + " get sidecars and no ambient capture; keep only one mode",
                    name, label),
                Map.of("sidecarLabel", label, "dataplaneMode", "ambient")));
      }
    }
    return results;
  }
}
