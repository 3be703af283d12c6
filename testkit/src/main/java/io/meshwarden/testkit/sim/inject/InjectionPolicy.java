package io.meshwarden.testkit.sim.inject;

import static io.meshwarden.testkit.sim.inject.IstioNames.INJECT;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;

/**
 * Stage 2 of istio.md §1: the injector's own decision once its webhook was called, rule by rule in
 * the documented order, by the semantics of the Istio release the revision runs ({@link
 * InjectorConfig#istioMinor}). A pod already carrying {@code sidecar.istio.io/status} is left alone
 * (the injector does not inject twice).
 */
public final class InjectionPolicy {

  private InjectionPolicy() {}

  /** Decides for {@code pod} in {@code namespace} under {@code config}. */
  public static Stage2Decision decide(Pod pod, String namespace, InjectorConfig config) {
    Map<String, String> labels = orEmpty(pod.getMetadata().getLabels());
    Map<String, String> annotations = orEmpty(pod.getMetadata().getAnnotations());
    if (annotations.containsKey(IstioNames.STATUS)) {
      return new Stage2Decision(false, "already injected");
    }
    if (pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
      return new Stage2Decision(false, "hostNetwork");
    }
    if (IstioNames.EXCLUDED_NAMESPACES.contains(namespace)) {
      return new Stage2Decision(false, "excluded namespace " + namespace);
    }
    // Rule 5's last case: a policy other than enabled/disabled never injects, whatever the pod
    // says.
    if (!"enabled".equals(config.policy()) && !"disabled".equals(config.policy())) {
      return new Stage2Decision(false, "policy=" + config.policy());
    }
    // Rule 3: the label wins over the deprecated annotation, even when empty.
    String choice = labels.containsKey(INJECT) ? labels.get(INJECT) : annotations.get(INJECT);
    String source = labels.containsKey(INJECT) ? "label" : "annotation";
    Boolean explicit = explicit(choice, config.istioMinor());
    if (explicit != null) {
      return new Stage2Decision(explicit, source + "=" + choice);
    }
    // Rule 4: selectors, only without an explicit choice.
    for (LabelSelector never : config.neverInjectSelector()) {
      if (usable(never) && LabelSelectors.matches(never, labels)) {
        return new Stage2Decision(false, "neverInjectSelector");
      }
    }
    for (LabelSelector always : config.alwaysInjectSelector()) {
      if (usable(always) && LabelSelectors.matches(always, labels)) {
        return new Stage2Decision(true, "alwaysInjectSelector");
      }
    }
    // Rule 5: the policy. "disabled" injects only explicit true or always-matches, handled above.
    return new Stage2Decision("enabled".equals(config.policy()), "policy=" + config.policy());
  }

  /**
   * The explicit choice of a value, or null for the default path. Up to 1.26 {@code y}, {@code
   * yes}, {@code true}, {@code on} (any case) mean yes and any other non-empty value no; from 1.27
   * only {@code true} and {@code false} count.
   */
  static Boolean explicit(String value, int istioMinor) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.equals("true") || value.equals("false")) {
      return value.equals("true");
    }
    if (istioMinor >= 27) {
      return null;
    }
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "y", "yes", "on", "true" -> true;
      default -> false;
    };
  }

  /** Istio skips empty selectors and those Kubernetes rejects. */
  private static boolean usable(LabelSelector s) {
    return !LabelSelectors.isEmpty(s) && LabelSelectors.valid(s);
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
