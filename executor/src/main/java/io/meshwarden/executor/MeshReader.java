package io.meshwarden.executor;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.meshwarden.core.model.MeshViewBuilder;
import io.meshwarden.core.remediation.MeshSnapshot;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the mesh live and projects it with the watcher's own projector, so the rule the executor
 * re-checks judges namespaces, revisions, tags and proxy images exactly as it did in the stream:
 * every namespace (its injection labels), the control plane's ConfigMaps (injector and mesh
 * configuration), the mutating webhooks (revisions and tags), and the istiod pods and services the
 * injector health check needs, and every ProxyConfig.
 */
final class MeshReader {

  private static final String REV_LABEL = "istio.io/rev";
  private static final ResourceDefinitionContext PROXY_CONFIGS =
      new ResourceDefinitionContext.Builder()
          .withGroup("networking.istio.io")
          .withVersion("v1beta1")
          .withKind("ProxyConfig")
          .withPlural("proxyconfigs")
          .withNamespaced(true)
          .build();

  private final KubernetesClient client;
  private final String controlPlaneNamespace;
  private final LiveProjector projector;
  private final Clock clock;

  MeshReader(
      KubernetesClient client, String controlPlaneNamespace, LiveProjector projector, Clock clock) {
    this.client = client;
    this.controlPlaneNamespace = controlPlaneNamespace;
    this.projector = projector;
    this.clock = clock;
  }

  MeshSnapshot read() {
    MeshViewBuilder builder = new MeshViewBuilder(clock.instant());
    client.namespaces().list().getItems().forEach(ns -> builder.addAll(projector.project(ns)));
    client
        .configMaps()
        .inNamespace(controlPlaneNamespace)
        .list()
        .getItems()
        .forEach(cm -> builder.addAll(projector.project(cm)));
    client
        .admissionRegistration()
        .v1()
        .mutatingWebhookConfigurations()
        .list()
        .getItems()
        .forEach(w -> builder.addAll(projector.project(w)));
    readProxyConfigs(builder);
    Map<String, Boolean> ready = new HashMap<>();
    for (Pod pod :
        client.pods().inNamespace(controlPlaneNamespace).withLabel(REV_LABEL).list().getItems()) {
      builder.addAll(projector.project(pod));
      String rev = pod.getMetadata().getLabels().get(REV_LABEL);
      ready.merge(rev, LiveState.pod(pod).ready(), Boolean::logicalOr);
    }
    Set<String> services = new HashSet<>();
    client
        .services()
        .inNamespace(controlPlaneNamespace)
        .list()
        .getItems()
        .forEach(
            s -> {
              builder.addAll(projector.project(s));
              services.add(controlPlaneNamespace + "/" + s.getMetadata().getName());
            });
    return new MeshSnapshot(builder.build(), ready, services);
  }

  /**
   * Every ProxyConfig (their image types decide the proxy image MW0004 expects). Istio serves them
   * as {@code v1beta1} only; without the CRD (404) there are none.
   */
  private void readProxyConfigs(MeshViewBuilder builder) {
    try {
      client
          .genericKubernetesResources(PROXY_CONFIGS)
          .inAnyNamespace()
          .list()
          .getItems()
          .forEach(p -> builder.addAll(projector.project(p)));
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}
