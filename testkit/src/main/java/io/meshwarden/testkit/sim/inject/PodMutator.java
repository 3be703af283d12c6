package io.meshwarden.testkit.sim.inject;

import static io.meshwarden.testkit.sim.inject.IstioNames.PROXY_CONTAINER;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What injection does to a pod (istio.md §2, §3, §5): adds {@code istio-proxy} with the revision's
 * image (a container, or with native sidecars an init container with {@code restartPolicy:
 * Always}), {@code istio-init} or with CNI {@code istio-validation}, Istio's volumes, the {@code
 * sidecar.istio.io/status} and {@code istio.io/rev} annotations, the canonical and tlsMode labels,
 * and rewrites the app probes with {@code ISTIO_KUBE_APP_PROBERS} on the proxy.
 */
public final class PodMutator {

  private static final List<String> VOLUMES =
      List.of(
          "workload-socket",
          "credential-socket",
          "workload-certs",
          "istio-envoy",
          "istio-data",
          "istio-podinfo",
          "istio-token",
          "istiod-ca-cert");

  private PodMutator() {}

  /**
   * A copy of {@code pod} injected by {@code revision}.
   *
   * @param workloadName used for the canonical name when the pod has no app label
   */
  public static Pod inject(Pod pod, String revision, InjectorConfig config, String workloadName) {
    Pod out = new PodBuilder(pod).build();
    Map<String, String> annotations = mutable(out.getMetadata().getAnnotations());
    Map<String, String> labels = mutable(out.getMetadata().getLabels());
    String image = ProxyImage.resolve(config, annotations);
    boolean nativeSidecar =
        annotations.containsKey(IstioNames.NATIVE_SIDECAR)
            ? "true".equals(annotations.get(IstioNames.NATIVE_SIDECAR))
            : config.nativeSidecars();
    String initName = config.cni() ? IstioNames.VALIDATION_CONTAINER : IstioNames.INIT_CONTAINER;

    List<Container> containers = new ArrayList<>(out.getSpec().getContainers());
    Map<String, Object> probers = rewriteProbes(containers, annotations, config);
    Container proxy = proxy(image, probers, nativeSidecar);
    List<Container> inits =
        new ArrayList<>(
            out.getSpec().getInitContainers() == null
                ? List.of()
                : out.getSpec().getInitContainers());
    inits.add(0, init(initName, image));
    if (nativeSidecar) {
      inits.add(1, proxy);
    } else if (config.holdApplicationUntilProxyStarts()) {
      containers.add(0, proxy);
    } else {
      containers.add(proxy);
    }
    List<Volume> volumes =
        new ArrayList<>(
            out.getSpec().getVolumes() == null ? List.of() : out.getSpec().getVolumes());
    VOLUMES.forEach(
        v -> volumes.add(new VolumeBuilder().withName(v).withNewEmptyDir().endEmptyDir().build()));
    out.getSpec().setContainers(containers);
    out.getSpec().setInitContainers(inits);
    out.getSpec().setVolumes(volumes);

    Map<String, Object> status = new LinkedHashMap<>();
    status.put(
        "initContainers", nativeSidecar ? List.of(initName, PROXY_CONTAINER) : List.of(initName));
    status.put("containers", nativeSidecar ? null : List.of(PROXY_CONTAINER));
    status.put("volumes", VOLUMES);
    status.put("imagePullSecrets", null);
    status.put("revision", revision);
    annotations.put(IstioNames.STATUS, Serialization.asJson(status));
    annotations.put(IstioNames.REV_ANNOTATION, revision);
    annotations.putIfAbsent(
        "kubectl.kubernetes.io/default-container", pod.getSpec().getContainers().get(0).getName());
    annotations.put("prometheus.io/port", "15020");
    annotations.put("prometheus.io/path", "/stats/prometheus");
    annotations.put("prometheus.io/scrape", "true");
    labels.put(IstioNames.TLS_MODE, "istio");
    labels.putIfAbsent(
        IstioNames.CANONICAL_NAME, firstOf(labels, workloadName, "app.kubernetes.io/name", "app"));
    labels.putIfAbsent(
        IstioNames.CANONICAL_REVISION,
        firstOf(labels, "latest", "app.kubernetes.io/version", "version"));
    out.getMetadata().setAnnotations(annotations);
    out.getMetadata().setLabels(labels);
    return out;
  }

  private static Map<String, Object> rewriteProbes(
      List<Container> containers, Map<String, String> annotations, InjectorConfig config) {
    String choice = annotations.get(IstioNames.REWRITE_PROBES);
    boolean rewrite = choice == null ? config.rewriteAppProbes() : "true".equals(choice);
    int port = Integer.parseInt(annotations.getOrDefault(IstioNames.STATUS_PORT, "15020"));
    if (!rewrite || port == 0) {
      return Map.of();
    }
    List<Container> copies = new ArrayList<>();
    containers.forEach(c -> copies.add(new ContainerBuilder(c).build()));
    Map<String, Object> probers = ProbeRewriter.rewrite(copies, port);
    containers.clear();
    containers.addAll(copies);
    return probers;
  }

  private static Container proxy(String image, Map<String, Object> probers, boolean nativeSidecar) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("PILOT_CERT_PROVIDER", "istiod", null));
    env.add(new EnvVar("CA_ADDR", "istiod.istio-system.svc:15012", null));
    env.add(new EnvVar("ISTIO_META_INTERCEPTION_MODE", "REDIRECT", null));
    if (!probers.isEmpty()) {
      env.add(new EnvVar(IstioNames.PROBERS_ENV, Serialization.asJson(probers), null));
    }
    ContainerBuilder builder =
        new ContainerBuilder()
            .withName(PROXY_CONTAINER)
            .withImage(image)
            .withArgs("proxy", "sidecar", "--domain", "$(POD_NAMESPACE).svc.cluster.local")
            .addNewPort()
            .withName("http-envoy-prom")
            .withContainerPort(15090)
            .withProtocol("TCP")
            .endPort()
            .withEnv(env)
            .withNewReadinessProbe()
            .withNewHttpGet()
            .withPath("/healthz/ready")
            .withPort(new IntOrString(15021))
            .endHttpGet()
            .withPeriodSeconds(15)
            .endReadinessProbe()
            .withNewSecurityContext()
            .withRunAsUser(1337L)
            .withRunAsGroup(1337L)
            .endSecurityContext();
    if (nativeSidecar) {
      builder.withRestartPolicy("Always");
    }
    return builder.build();
  }

  private static Container init(String name, String image) {
    return new ContainerBuilder()
        .withName(name)
        .withImage(image)
        .withArgs("istio-iptables", "-p", "15001", "-z", "15006", "-u", "1337")
        .build();
  }

  private static String firstOf(Map<String, String> labels, String fallback, String... keys) {
    for (String key : keys) {
      if (labels.get(key) != null) {
        return labels.get(key);
      }
    }
    return fallback;
  }

  private static Map<String, String> mutable(Map<String, String> map) {
    return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
  }
}
