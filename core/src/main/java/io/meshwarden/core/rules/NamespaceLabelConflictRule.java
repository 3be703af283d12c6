package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0010 (IST0123): a namespace carries more than one kind of injection label, as istioctl counts
 * them: {@code istio-injection} (any value), plus {@code istio.io/rev} and {@code
 * istio.io/dataplane-mode} (any value, {@code none} included) only when {@code istio-injection} is
 * absent or {@code enabled}. So {@code istio-injection=disabled} beside {@code istio.io/rev} is not
 * reported. {@code istio-system} is skipped, and the namespaces istioctl never loads. One result
 * per namespace, listing the labels counted.
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
      String name = ns.meta().name();
      if (name.equals("istio-system") || IstioKeys.EXCLUDED_NAMESPACES.contains(name)) {
        continue;
      }
      Map<String, String> labels = ns.meta().labels();
      List<String> counted = new ArrayList<>();
      String injection = labels.get(IstioKeys.ISTIO_INJECTION);
      if (injection != null) {
        counted.add(IstioKeys.ISTIO_INJECTION + "=" + injection);
      }
      for (String key : List.of(IstioKeys.REV, IstioKeys.DATAPLANE_MODE)) {
        if (labels.containsKey(key) && (injection == null || injection.equals("enabled"))) {
          counted.add(key + "=" + labels.get(key));
        }
      }
      if (counted.size() > 1) {
        String joined = String.join(" ", counted);
        results.add(
            RuleResult.of(
                INFO,
                Namespaces.ref(ns),
                String.format(
                    "Namespace %s: more than one kind of injection label [%s], which may lead to"
                        + " undefined behaviour; keep only one",
                    name, joined),
                Map.of("labels", joined)));
      }
    }
    return results;
  }
}
