package io.meshwarden.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.meshwarden.common.config.ConfigType;
import io.meshwarden.executor.PolicyStore;
import io.meshwarden.executor.RemediationConfig;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Prepares a simulated cluster for the remediation executor as an operator would: the
 * InjectionPolicy CRD, istiod's Services (the simulator runs istiod pods but no Services, and the
 * executor checks the injector's service before restarting anything), the policies and the opt-out
 * annotations a scenario asks for, and the executor's breaker settings where the scenario sets
 * them.
 */
final class SandboxRemediation {

  static final String CRD =
      "/sandbox/crds/040-CustomResourceDefinition-injectionpolicies.meshwarden.io.yaml";

  private SandboxRemediation() {}

  static void prepare(KubernetesClient client, Map<String, Object> setup) {
    registerCrd(client);
    createInjectorServices(client);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> policies =
        (List<Map<String, Object>>) setup.getOrDefault("policies", List.of());
    policies.forEach(p -> createPolicy(client, p));
    @SuppressWarnings("unchecked")
    List<String> optedOut = (List<String>) setup.getOrDefault("optedOutNamespaces", List.of());
    optedOut.forEach(ns -> optOut(client, ns));
  }

  /**
   * {@code config} with the circuit breaker of the scenario's {@code remediation.executor} section,
   * where it has one: {@code breakerThreshold} (failures), {@code breakerWindow} and {@code
   * breakerResumeAfter} (durations such as {@code 10m}). A faulty scenario opens the breaker with a
   * single failure instead of waiting for three.
   */
  static RemediationConfig executorSettings(RemediationConfig config, Map<String, Object> setup) {
    @SuppressWarnings("unchecked")
    Map<String, Object> executor = (Map<String, Object>) setup.getOrDefault("executor", Map.of());
    if (executor.isEmpty()) {
      return config;
    }
    Set<String> unknown = new TreeSet<>(executor.keySet());
    unknown.removeAll(Set.of("breakerThreshold", "breakerWindow", "breakerResumeAfter"));
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("remediation.executor: unknown keys " + unknown);
    }
    Object resume = executor.get("breakerResumeAfter");
    return config.withBreaker(
        Integer.parseInt(
            String.valueOf(executor.getOrDefault("breakerThreshold", config.breakerThreshold()))),
        executor.containsKey("breakerWindow")
            ? ConfigType.DURATION.parse(String.valueOf(executor.get("breakerWindow")))
            : config.breakerWindow(),
        resume == null
            ? config.breakerResumeAfter()
            : ConfigType.DURATION.parse(String.valueOf(resume)));
  }

  private static void registerCrd(KubernetesClient client) {
    try (InputStream in = SandboxRemediation.class.getResourceAsStream(CRD)) {
      CustomResourceDefinition crd =
          client.apiextensions().v1().customResourceDefinitions().load(in).item();
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the InjectionPolicy CRD", e);
    }
  }

  private static void createInjectorServices(KubernetesClient client) {
    for (MutatingWebhookConfiguration config :
        client.admissionRegistration().v1().mutatingWebhookConfigurations().list().getItems()) {
      for (MutatingWebhook hook : config.getWebhooks()) {
        ServiceReference ref =
            hook.getClientConfig() == null ? null : hook.getClientConfig().getService();
        if (ref == null
            || client.services().inNamespace(ref.getNamespace()).withName(ref.getName()).get()
                != null) {
          continue;
        }
        client
            .resource(
                new ServiceBuilder()
                    .withNewMetadata()
                    .withName(ref.getName())
                    .withNamespace(ref.getNamespace())
                    .endMetadata()
                    .withNewSpec()
                    // The simulated istiod Deployment is named like its Service and labels its
                    // pods app=<name>: select them, as a real istiod Service selects its pods.
                    .addToSelector("app", ref.getName())
                    .addNewPort()
                    .withName("https-webhook")
                    .withPort(443)
                    .endPort()
                    .endSpec()
                    .build())
            .create();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void createPolicy(KubernetesClient client, Map<String, Object> policy) {
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion("meshwarden.io/v1alpha1");
    resource.setKind("InjectionPolicy");
    resource.setMetadata(new ObjectMetaBuilder().withName((String) policy.get("name")).build());
    resource.setAdditionalProperty("spec", policy.get("spec"));
    client.genericKubernetesResources(PolicyStore.CONTEXT).resource(resource).create();
  }

  private static void optOut(KubernetesClient client, String namespace) {
    client
        .namespaces()
        .withName(namespace)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"meshwarden.io/remediate\":\"false\"}}}");
  }
}
