package io.meshwarden.testkit.sim.inject;

import static io.meshwarden.testkit.sim.inject.IstioNames.INJECT;
import static io.meshwarden.testkit.sim.inject.IstioNames.INJECTION_LABEL;
import static io.meshwarden.testkit.sim.inject.IstioNames.REV_LABEL;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the MutatingWebhookConfigurations an Istio install creates, with the selectors of Istio's
 * chart ({@code istio-discovery/templates/mutatingwebhook.yaml}) as istio.md §1 describes them: per
 * revision (or tag) a namespace webhook and an object webhook; for the default revision also the
 * {@code istio-injection=enabled} and {@code sidecar.istio.io/inject=true} webhooks, and with
 * {@code enableNamespacesByDefault} one that takes every unlabelled namespace but the excluded
 * ones.
 */
public final class IstioWebhooks {

  private IstioWebhooks() {}

  /**
   * The configuration for revision (or tag) {@code name} served by istiod of {@code revision}.
   *
   * @param configName the object's name ({@code istio-sidecar-injector[-rev]} or {@code
   *     istio-revision-tag-<tag>})
   * @param matchRevision the value namespaces or pods put in {@code istio.io/rev} to select it
   * @param revision the istiod revision that injects
   * @param tag the tag name, or null for a revision's own configuration
   * @param isDefault whether it also serves the default-revision selectors
   * @param enableNamespacesByDefault the injector's value of that name (default webhooks only)
   * @param failurePolicy {@code Fail} or {@code Ignore}
   */
  public static MutatingWebhookConfiguration configuration(
      String configName,
      String matchRevision,
      String revision,
      String tag,
      boolean isDefault,
      boolean enableNamespacesByDefault,
      String failurePolicy) {
    List<MutatingWebhook> webhooks = new ArrayList<>();
    String service = IstioNames.istiod(revision);
    webhooks.add(
        webhook(
            "rev.namespace.sidecar-injector.istio.io",
            service,
            failurePolicy,
            selector(in(REV_LABEL, matchRevision), absent(INJECTION_LABEL)),
            selector(notIn(INJECT, "false"))));
    webhooks.add(
        webhook(
            "rev.object.sidecar-injector.istio.io",
            service,
            failurePolicy,
            selector(absent(REV_LABEL), absent(INJECTION_LABEL)),
            selector(notIn(INJECT, "false"), in(REV_LABEL, matchRevision))));
    if (isDefault) {
      webhooks.add(
          webhook(
              "namespace.sidecar-injector.istio.io",
              service,
              failurePolicy,
              selector(in(INJECTION_LABEL, "enabled")),
              selector(notIn(INJECT, "false"))));
      webhooks.add(
          webhook(
              "object.sidecar-injector.istio.io",
              service,
              failurePolicy,
              selector(absent(INJECTION_LABEL), absent(REV_LABEL)),
              selector(in(INJECT, "true"), absent(REV_LABEL))));
      if (enableNamespacesByDefault) {
        webhooks.add(
            webhook(
                "auto.sidecar-injector.istio.io",
                service,
                failurePolicy,
                selector(
                    absent(INJECTION_LABEL),
                    absent(REV_LABEL),
                    notIn(
                        "kubernetes.io/metadata.name",
                        IstioNames.EXCLUDED_NAMESPACES.stream().sorted().toArray(String[]::new))),
                selector(notIn(INJECT, "false"), absent(REV_LABEL))));
      }
    }
    var labels = new java.util.LinkedHashMap<String, String>();
    labels.put(REV_LABEL, revision);
    labels.put("app", "sidecar-injector");
    if (tag != null) {
      labels.put(IstioNames.TAG_LABEL, tag);
    }
    return new MutatingWebhookConfigurationBuilder()
        .withNewMetadata()
        .withName(configName)
        .withLabels(labels)
        .endMetadata()
        .withWebhooks(webhooks)
        .build();
  }

  private static MutatingWebhook webhook(
      String name,
      String service,
      String failurePolicy,
      LabelSelector namespaceSelector,
      LabelSelector objectSelector) {
    return new MutatingWebhookBuilder()
        .withName(name)
        .withNewClientConfig()
        .withNewService()
        .withName(service)
        .withNamespace("istio-system")
        .withPath("/inject")
        .withPort(443)
        .endService()
        .endClientConfig()
        .addNewRule()
        .withApiGroups("")
        .withApiVersions("v1")
        .withOperations("CREATE")
        .withResources("pods")
        .endRule()
        .withFailurePolicy(failurePolicy)
        .withSideEffects("None")
        .withTimeoutSeconds(10)
        .withAdmissionReviewVersions("v1")
        .withReinvocationPolicy("Never")
        .withNamespaceSelector(namespaceSelector)
        .withObjectSelector(objectSelector)
        .build();
  }

  private static LabelSelector selector(Map.Entry<String, String[]>... terms) {
    LabelSelectorBuilder builder = new LabelSelectorBuilder();
    for (Map.Entry<String, String[]> term : terms) {
      String[] opAndValues = term.getValue();
      builder
          .addNewMatchExpression()
          .withKey(term.getKey())
          .withOperator(opAndValues[0])
          .withValues(
              opAndValues.length > 1 ? List.of(opAndValues).subList(1, opAndValues.length) : null)
          .endMatchExpression();
    }
    return builder.build();
  }

  private static Map.Entry<String, String[]> in(String key, String... values) {
    return term(key, "In", values);
  }

  private static Map.Entry<String, String[]> notIn(String key, String... values) {
    return term(key, "NotIn", values);
  }

  private static Map.Entry<String, String[]> absent(String key) {
    return term(key, "DoesNotExist");
  }

  private static Map.Entry<String, String[]> term(String key, String op, String... values) {
    String[] all = new String[values.length + 1];
    all[0] = op;
    System.arraycopy(values, 0, all, 1, values.length);
    return Map.entry(key, all);
  }
}
