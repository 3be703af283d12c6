package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwarden.testkit.sim.inject.InjectionPolicy;
import io.meshwarden.testkit.sim.inject.InjectorConfig;
import io.meshwarden.testkit.sim.inject.IstioNames;
import io.meshwarden.testkit.sim.inject.PodMutator;
import io.meshwarden.testkit.sim.inject.Stage2Decision;
import io.meshwarden.testkit.sim.inject.WebhookCall;
import io.meshwarden.testkit.sim.inject.WebhookRouter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admission step for pod CREATE, standing in for the API server calling Istio's webhook: stage
 * 1 from the namespace's labels and the stored MutatingWebhookConfigurations, stage 2 from the
 * chosen revision's injector ConfigMap, then the mutation. The mock API server has no admission
 * webhooks, so every pod the simulator creates goes through here first.
 *
 * <p>Reads are cached for one simulator step ({@link #refresh()}), as an informer-backed webhook
 * would serve them.
 */
final class SidecarInjector {

  static final String CONTROL_PLANE_NAMESPACE = "istio-system";

  private final KubernetesClient client;
  private final Faults faults;
  private Map<String, Namespace> namespaces;
  private final Map<String, Optional<ConfigMap>> configMaps = new HashMap<>();
  private List<MutatingWebhookConfiguration> webhooks;

  SidecarInjector(KubernetesClient client, Faults faults) {
    this.client = client;
    this.faults = faults;
  }

  synchronized void refresh() {
    namespaces = null;
    configMaps.clear();
    webhooks = null;
  }

  synchronized Admission admit(Pod pod) {
    String namespace = pod.getMetadata().getNamespace();
    Map<String, String> nsLabels =
        namespace(namespace).map(n -> n.getMetadata().getLabels()).orElse(Map.of());
    Optional<WebhookCall> call =
        WebhookRouter.route(namespace, nsLabels, pod.getMetadata().getLabels(), webhooks());
    if (call.isEmpty()) {
      return new Admission(pod, false, "", "no injection webhook matched", Duration.ZERO);
    }
    WebhookCall webhook = call.get();
    if (faults.injectorDown()) {
      return failed(pod, webhook, "injector down", Duration.ZERO);
    }
    Duration delay = faults.injectorDelay();
    Duration timeout = Duration.ofSeconds(webhook.timeoutSeconds());
    if (delay.compareTo(timeout) > 0) {
      return failed(pod, webhook, "injector timed out after " + timeout, timeout);
    }
    Optional<ConfigMap> configMap = configMap(IstioNames.injectorConfigMap(webhook.revision()));
    if (configMap.isEmpty()) {
      return failed(pod, webhook, "no injector ConfigMap for " + webhook.revision(), delay);
    }
    InjectorConfig config = InjectorConfig.from(configMap.get());
    Stage2Decision decision = InjectionPolicy.decide(pod, namespace, config);
    String reason = webhook.webhook() + ": " + decision.rule();
    if (!decision.inject()) {
      return new Admission(pod, false, "", reason, delay);
    }
    Pod injected = PodMutator.inject(pod, webhook.revision(), config, workloadName(pod));
    return new Admission(injected, true, webhook.revision(), reason, delay);
  }

  private static Admission failed(Pod pod, WebhookCall webhook, String why, Duration latency) {
    if (webhook.failsClosed()) {
      return new Admission(null, false, "", why + " (failurePolicy Fail)", latency);
    }
    return new Admission(pod, false, "", why + " (failurePolicy Ignore)", latency);
  }

  /** The owning workload's name as Istio derives it: a ReplicaSet's name minus its hash. */
  private static String workloadName(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    if (owners == null || owners.isEmpty()) {
      return pod.getMetadata().getName();
    }
    OwnerReference owner = owners.get(0);
    String name = owner.getName();
    if ("ReplicaSet".equals(owner.getKind()) && name.lastIndexOf('-') > 0) {
      return name.substring(0, name.lastIndexOf('-'));
    }
    return name;
  }

  private Optional<Namespace> namespace(String name) {
    if (namespaces == null) {
      namespaces = new HashMap<>();
      client
          .namespaces()
          .list()
          .getItems()
          .forEach(n -> namespaces.put(n.getMetadata().getName(), n));
    }
    return Optional.ofNullable(namespaces.get(name));
  }

  private Optional<ConfigMap> configMap(String name) {
    return configMaps.computeIfAbsent(
        name,
        n ->
            Optional.ofNullable(
                client.configMaps().inNamespace(CONTROL_PLANE_NAMESPACE).withName(n).get()));
  }

  private List<MutatingWebhookConfiguration> webhooks() {
    if (webhooks == null) {
      webhooks =
          client.admissionRegistration().v1().mutatingWebhookConfigurations().list().getItems();
    }
    return webhooks;
  }
}
