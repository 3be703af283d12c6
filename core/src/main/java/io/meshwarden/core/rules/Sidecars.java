package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the Sidecar rules share, read as istioctl reads it: a Sidecar with a non-empty {@code
 * workloadSelector} applies to the pods of its namespace whose labels hold every pair of it (pods,
 * not Deployment templates); one without applies to the whole namespace.
 */
final class Sidecars {

  /** The pod annotation that marks a pod whose traffic ambient redirects. */
  static final String AMBIENT_REDIRECTION = "ambient.istio.io/redirection";

  private Sidecars() {}

  /** The namespace's Sidecars, by name. */
  static List<IstioConfigFacts> of(NamespaceView ns) {
    return ns.istioConfig(FactKind.Sidecar).stream()
        .sorted(Comparator.comparing(s -> s.meta().name()))
        .toList();
  }

  /** The Sidecars without a selector (or with an empty one). */
  static List<IstioConfigFacts> withoutSelector(NamespaceView ns) {
    return of(ns).stream().filter(s -> Specs.workloadSelector(s).isEmpty()).toList();
  }

  /** Each pod of the namespace that a selecting Sidecar picks, with every Sidecar that does. */
  static Map<PodView, List<IstioConfigFacts>> byPod(NamespaceView ns) {
    Map<PodView, List<IstioConfigFacts>> out = new LinkedHashMap<>();
    List<PodView> pods = ns.pods().stream().sorted(Comparator.comparing(PodView::name)).toList();
    for (PodView pod : pods) {
      for (IstioConfigFacts s : of(ns)) {
        Map<String, String> selector = Specs.workloadSelector(s);
        if (!selector.isEmpty()
            && new LabelSelector(selector, List.of()).matches(pod.facts().meta().labels())) {
          out.computeIfAbsent(pod, p -> new ArrayList<>()).add(s);
        }
      }
    }
    return out;
  }

  /** Whether ambient redirects the pod's traffic (it runs no sidecar). */
  static boolean ambient(PodView pod) {
    return "enabled".equals(pod.facts().meta().annotations().get(AMBIENT_REDIRECTION));
  }

  /**
   * Whether a namespace is ambient as istioctl's Sidecar check reads it: {@code
   * istio.io/dataplane-mode=ambient}, and neither {@code istio-injection=enabled} nor a non-empty
   * {@code istio.io/rev}.
   */
  static boolean ambient(Map<String, String> namespaceLabels) {
    if ("enabled".equals(namespaceLabels.get(IstioKeys.ISTIO_INJECTION))) {
      return false;
    }
    String rev = namespaceLabels.get(IstioKeys.REV);
    if (rev != null && !rev.isEmpty()) {
      return false;
    }
    return "ambient".equals(namespaceLabels.get(IstioKeys.DATAPLANE_MODE));
  }

  /** Names joined by commas, as the messages list them. */
  static String names(List<IstioConfigFacts> sidecars) {
    return sidecars.stream()
        .map(s -> s.meta().namespace() + "/" + s.meta().name())
        .sorted()
        .collect(Collectors.joining(","));
  }
}
