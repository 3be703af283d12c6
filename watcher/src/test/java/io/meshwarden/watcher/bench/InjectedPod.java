package io.meshwarden.watcher.bench;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * A realistic injected pod (about 8 KB of JSON): app container, istio-init, istio-proxy, and the
 * labels Helm charts and teams add beside Istio's ({@code app.kubernetes.io/*}, {@code
 * helm.sh/chart}, {@code team}, {@code tier}). Pods come in releases of 20, as replicas of one
 * Deployment: label values repeat within a release and differ between releases, as in a real
 * cluster.
 */
final class InjectedPod {

  private InjectedPod() {}

  static Pod build(int i) {
    int release = i / 20;
    List<EnvVar> env = new ArrayList<>();
    for (int e = 0; e < 30; e++) {
      env.add(new EnvVar("PROXY_ENV_" + e, "value-" + e + "-" + "x".repeat(20), null));
    }
    env.add(
        new EnvVar(
            "ISTIO_KUBE_APP_PROBERS",
            "{\"/app-health/web/readyz\":{\"httpGet\":{\"path\":\"/ready\",\"port\":8080}}}",
            null));
    return new PodBuilder()
        .withNewMetadata()
        .withName("web-" + i)
        .addToLabels("app", "web")
        .addToLabels("version", "v1")
        .addToLabels("pod-template-hash", "7d4b9c")
        .addToLabels("security.istio.io/tlsMode", "istio")
        .addToLabels("service.istio.io/canonical-name", "web")
        .addToLabels("app.kubernetes.io/instance", "web-" + release)
        .addToLabels("app.kubernetes.io/component", "api")
        .addToLabels("app.kubernetes.io/part-of", "shop")
        .addToLabels("app.kubernetes.io/managed-by", "Helm")
        .addToLabels("helm.sh/chart", "web-1.4." + (release % 7))
        .addToLabels("team", "team-" + (release % 40))
        .addToLabels("tier", "backend")
        .addToAnnotations(
            "sidecar.istio.io/status",
            "{\"initContainers\":[\"istio-init\"],\"containers\":[\"istio-proxy\"],\"volumes\":[\"istio-envoy\",\"istio-data\",\"istio-podinfo\",\"istio-token\",\"istiod-ca-cert\"],\"revision\":\"1-24-0\"}")
        .addToAnnotations("kubectl.kubernetes.io/default-container", "web")
        .addToAnnotations("prometheus.io/scrape", "true")
        .addNewOwnerReference()
        .withApiVersion("apps/v1")
        .withKind("ReplicaSet")
        .withName("web-7d4b9c")
        .withUid("rs-uid")
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName("web")
        .addToInitContainers(
            new ContainerBuilder()
                .withName("istio-init")
                .withImage("docker.io/istio/proxyv2:1.24.0")
                .withArgs("istio-iptables", "-p", "15001", "-z", "15006", "-u", "1337")
                .build())
        .addToContainers(
            new ContainerBuilder()
                .withName("web")
                .withImage("ghcr.io/acme/web:2.1")
                .addNewPort()
                .withName("http")
                .withContainerPort(8080)
                .endPort()
                .withNewReadinessProbe()
                .withNewHttpGet()
                .withPath("/app-health/web/readyz")
                .withPort(new IntOrString(15020))
                .endHttpGet()
                .endReadinessProbe()
                .build(),
            new ContainerBuilder()
                .withName("istio-proxy")
                .withImage("docker.io/istio/proxyv2:1.24.0")
                .withArgs("proxy", "sidecar", "--domain", "$(POD_NAMESPACE).svc.cluster.local")
                .withEnv(env)
                .build())
        .endSpec()
        .build();
  }
}
