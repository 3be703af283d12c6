package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0014 (IST0148): a namespace without any injection label is injected only because the injector
 * runs with enableNamespacesByDefault; its membership changes silently with that setting. Judged as
 * istioctl judges it: the revision-less injector ConfigMap's setting, the namespaces of {@link
 * Namespaces#unlabelledForIstioctl} (so neither istio-system nor ambient namespaces).
 */
public final class NamespaceInjectedByDefaultRule implements MeshRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0014",
          Severity.INFO,
          "IST0148",
          "Namespace injected only through enableNamespacesByDefault");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    if (!Namespaces.istioctlSeesNamespacesByDefault(mesh)) {
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
                  "Namespace %s is injected only through enableNamespacesByDefault; label it"
                      + " ('kubectl label namespace %s istio.io/rev=<rev>') to make that explicit",
                  name, name),
              Map.of("defaultRevision", mesh.defaultRevision().orElse(""))));
    }
    return results;
  }
}
