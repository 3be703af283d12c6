package io.meshwarden.core.model;

import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.WebhookConfigFacts;
import io.meshwarden.common.protocol.WebhookConfigFacts.Webhook;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stage 1 of istio.md §1 read from the injector webhooks themselves: which revision's webhook the
 * API server calls for a pod, by evaluating each webhook's {@code namespaceSelector} against the
 * namespace's labels and its {@code objectSelector} against the pod's.
 *
 * <p>A webhook whose namespace or object selector requires {@code istio.io/deactivated:
 * never-match} (what {@code istioctl tag set default} leaves on the revision-less install) is
 * inactive: it injects nothing and is no revision source. A configuration labelled {@code
 * istio.io/tag} serves its {@code istio.io/rev}.
 */
public final class InjectorWebhooks {

  /**
   * The label {@code istioctl tag set default} puts in the selectors of the webhooks it turns off.
   */
  static final String DEACTIVATED = "istio.io/deactivated";

  private InjectorWebhooks() {}

  /** Whether the webhook can never be called (a {@code never-match} selector). */
  public static boolean deactivated(Webhook w) {
    return neverMatches(w.namespaceSelector()) || neverMatches(w.objectSelector());
  }

  /** Whether any webhook of the configuration can be called. */
  public static boolean active(WebhookConfigFacts config) {
    return config.webhooks().stream().anyMatch(w -> !deactivated(w));
  }

  private static boolean neverMatches(LabelSelector s) {
    return s != null && "never-match".equals(s.matchLabels().get(DEACTIVATED));
  }

  /**
   * The revision whose webhook is called for a pod with {@code podLabels} created in namespace
   * {@code namespace} with {@code namespaceLabels}: the first active webhook (in input order) whose
   * two selectors match. Empty when none is called.
   */
  public static Optional<String> serving(
      List<WebhookConfigFacts> configs,
      String namespace,
      Map<String, String> namespaceLabels,
      Map<String, String> podLabels) {
    Map<String, String> ns = withNameLabel(namespace, namespaceLabels);
    for (WebhookConfigFacts config : configs) {
      for (Webhook w : config.webhooks()) {
        if (!deactivated(w)
            && matches(w.namespaceSelector(), ns)
            && matches(w.objectSelector(), podLabels)) {
          String rev = config.revision();
          return Optional.of(rev == null || rev.isEmpty() ? MeshView.DEFAULT : rev);
        }
      }
    }
    return Optional.empty();
  }

  /** A missing selector matches everything, as in Kubernetes. */
  private static boolean matches(LabelSelector s, Map<String, String> labels) {
    return s == null || s.matches(labels);
  }

  /**
   * The API server labels every namespace {@code kubernetes.io/metadata.name=<name>}; manifests
   * often omit it, and the {@code auto.*} webhook selects on it.
   */
  private static Map<String, String> withNameLabel(String namespace, Map<String, String> labels) {
    if (namespace == null || labels.containsKey(IstioKeys.NAMESPACE_NAME)) {
      return labels;
    }
    Map<String, String> out = new HashMap<>(labels);
    out.put(IstioKeys.NAMESPACE_NAME, namespace);
    return out;
  }
}
