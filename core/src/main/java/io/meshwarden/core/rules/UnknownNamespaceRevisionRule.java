package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0011: a namespace asks for a revision or tag that does not exist ({@code istio.io/rev}), or for
 * the default revision when there is none ({@code istio-injection=enabled}): new pods get no
 * sidecar. Judged only when the input holds control-plane objects; with injector webhooks in the
 * input, a revision or tag counts only when an active webhook serves the namespace (a deactivated
 * {@code never-match} webhook serves nobody).
 */
public final class UnknownNamespaceRevisionRule implements MeshRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0011", Severity.ERROR, null, "Namespace asks for a missing revision");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    if (!mesh.hasControlPlane()) {
      return List.of();
    }
    List<RuleResult> results = new ArrayList<>();
    String known = String.join(",", mesh.knownRevisions());
    for (NamespaceFacts ns : mesh.namespaces().values()) {
      String injection = Namespaces.label(ns, IstioKeys.ISTIO_INJECTION);
      String rev = Namespaces.label(ns, IstioKeys.REV);
      String name = ns.meta().name();
      boolean served = !mesh.routesByWebhooks() || mesh.servingRevision(name, Map.of()).isPresent();
      if ("enabled".equals(injection) && mesh.defaultRevision().isEmpty()) {
        results.add(
            RuleResult.of(
                INFO,
                Namespaces.ref(ns),
                String.format(
                    "Namespace %s: istio-injection=enabled needs a default revision and none"
                        + " exists; create one ('istioctl tag set default --revision <rev>') or"
                        + " label the namespace istio.io/rev=<rev>",
                    name),
                Map.of("requested", MeshView.DEFAULT, "knownRevisions", known)));
      } else if (injection == null && rev != null && (!mesh.isKnownRevisionOrTag(rev) || !served)) {
        results.add(
            RuleResult.of(
                INFO,
                Namespaces.ref(ns),
                String.format(
                    "Namespace %s: istio.io/rev=%s names no revision or tag (known: %s); relabel"
                        + " it with an existing revision or create the tag",
                    name, rev, known.isEmpty() ? "none" : known),
                Map.of("requested", rev, "knownRevisions", known)));
      }
    }
    return results;
  }
}
