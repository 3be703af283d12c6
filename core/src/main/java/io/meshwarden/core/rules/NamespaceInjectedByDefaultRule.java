package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0014 (IST0148): a namespace without any injection label is injected only because the default
 * injector runs with enableNamespacesByDefault; its membership changes silently with that setting.
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
    if (!mesh.enableNamespacesByDefault()) {
      return List.of();
    }
    List<RuleResult> results = new ArrayList<>();
    for (NamespaceFacts ns : mesh.namespaces().values()) {
      String name = ns.meta().name();
      if (IstioKeys.EXCLUDED_NAMESPACES.contains(name)
          || Namespaces.label(ns, IstioKeys.ISTIO_INJECTION) != null
          || Namespaces.label(ns, IstioKeys.REV) != null) {
        continue;
      }
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
