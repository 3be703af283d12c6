package io.meshwarden.testkit.sim.inject;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stage 1 of istio.md §1: which injection webhook the API server calls for a pod CREATE. It
 * evaluates the stored configurations' namespace and object selectors on labels only (never
 * annotations), in the API server's order (configurations by name, webhooks in order), and takes
 * the first that matches: Istio's selectors are built so at most one revision matches, and a second
 * call would find the pod already injected.
 */
public final class WebhookRouter {

  private WebhookRouter() {}

  /**
   * The webhook called for a pod, if any.
   *
   * @param namespace the pod's namespace name
   * @param namespaceLabels that namespace's labels
   * @param podLabels the pod's labels
   * @param configurations the cluster's MutatingWebhookConfigurations
   */
  public static Optional<WebhookCall> route(
      String namespace,
      Map<String, String> namespaceLabels,
      Map<String, String> podLabels,
      List<MutatingWebhookConfiguration> configurations) {
    Map<String, String> nsLabels =
        new HashMap<>(namespaceLabels == null ? Map.of() : namespaceLabels);
    // The API server labels every namespace with its own name.
    nsLabels.put("kubernetes.io/metadata.name", namespace);
    return configurations.stream()
        .filter(WebhookRouter::isIstioInjector)
        .sorted(Comparator.comparing(c -> c.getMetadata().getName()))
        .flatMap(
            config ->
                config.getWebhooks().stream()
                    .filter(WebhookRouter::interceptsPodCreate)
                    .filter(w -> LabelSelectors.matches(w.getNamespaceSelector(), nsLabels))
                    .filter(w -> LabelSelectors.matches(w.getObjectSelector(), podLabels))
                    .map(w -> call(config, w)))
        .findFirst();
  }

  private static boolean isIstioInjector(MutatingWebhookConfiguration config) {
    Map<String, String> labels = config.getMetadata().getLabels();
    return labels != null
        && labels.containsKey(IstioNames.REV_LABEL)
        && config.getWebhooks() != null;
  }

  private static boolean interceptsPodCreate(MutatingWebhook webhook) {
    if (webhook.getRules() == null) {
      return false;
    }
    for (RuleWithOperations rule : webhook.getRules()) {
      boolean pods = rule.getResources() != null && rule.getResources().contains("pods");
      boolean create =
          rule.getOperations() != null
              && (rule.getOperations().contains("CREATE") || rule.getOperations().contains("*"));
      if (pods && create) {
        return true;
      }
    }
    return false;
  }

  private static WebhookCall call(MutatingWebhookConfiguration config, MutatingWebhook webhook) {
    String revision = config.getMetadata().getLabels().get(IstioNames.REV_LABEL);
    int timeout = webhook.getTimeoutSeconds() == null ? 10 : webhook.getTimeoutSeconds();
    String policy = webhook.getFailurePolicy() == null ? "Fail" : webhook.getFailurePolicy();
    return new WebhookCall(
        config.getMetadata().getName(), webhook.getName(), revision, policy, timeout);
  }
}
