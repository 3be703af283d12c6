package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.InjectorConfigFacts;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.MeshConfigFacts;
import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import io.meshwarden.core.model.ProxyConfigs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MW0009 (IST0158): istioctl's own proxy-image check, reproduced as istioctl runs it (istio.md §6;
 * Istio's {@code injection-image.go} and {@code util/proxyconfig.go}, 1.22–1.31), one message per
 * namespace naming the mismatched pods. It differs from the injector on purpose, since it is
 * istioctl's verdict: {@link ProxyImageDriftRule} (MW0004) holds the injector's and drives
 * restarts.
 *
 * <ul>
 *   <li>Namespaces: label {@code istio.io/rev} (any value, even beside {@code
 *       istio-injection=disabled}) reads ConfigMap {@code istio-sidecar-injector-<rev>} ({@code
 *       default} or empty: the revision-less one, even after the default tag moved); else {@code
 *       istio-injection=enabled} reads the revision-less one. A tag name finds no ConfigMap, so its
 *       pods are skipped.
 *   <li>Accepted images: base, or base-{@code <type>}; base is {@code global.proxy.image} if it has
 *       a {@code /}, else {@code hub/global.proxy.image:tag} (no {@code proxyv2} default, no suffix
 *       stripping; {@code global.variant} and {@code sidecar.istio.io/proxyImageType} are not
 *       read).
 *   <li>Type: the mesh config's {@code defaultConfig}, then the root namespace's ProxyConfig (any,
 *       the last by name), then a selector-less one of the pod's namespace, then ones with a
 *       selector whose key {@code <namespace>/<name>} starts with the pod's namespace (so namespace
 *       {@code shop} also reads those of {@code shop-v2}, as istioctl does) and whose {@code
 *       matchLabels} are on the pod, then {@code proxy.istio.io/config}; each non-empty type
 *       overrides the last; {@code default} counts as none (then only base-{@code -} and base
 *       match).
 *   <li>Every container named {@code istio-proxy}, init containers too; pods annotated {@code
 *       sidecar.istio.io/proxyImage} (non-empty) are skipped.
 * </ul>
 *
 * <p>istioctl picks the last of several same-level ProxyConfigs by its map's order, which Go leaves
 * random; here the order is by namespace and name, so the answer is stable.
 */
public final class PodsProxyImageMismatchRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0009", Severity.WARNING, "IST0158", "Namespace runs proxies of another image");

  private static final String CONFIG_MAP = "istio-sidecar-injector";
  private static final Comparator<IstioConfigFacts> BY_NAME =
      Comparator.comparing((IstioConfigFacts p) -> p.meta().namespace())
          .thenComparing(p -> p.meta().name());

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    NamespaceFacts ns = mesh.namespaces().get(namespace.name());
    if (ns == null || IstioKeys.EXCLUDED_NAMESPACES.contains(namespace.name())) {
      return List.of();
    }
    Optional<String> configMap = configMapName(ns.meta().labels());
    Optional<String> base = configMap.flatMap(name -> baseImage(mesh, name));
    if (base.isEmpty()) {
      return List.of();
    }
    MeshConfigFacts meshConfig = mesh.meshConfigs().get(MeshView.DEFAULT);
    List<String> mismatched = new ArrayList<>();
    for (PodView pod : namespace.pods()) {
      String override = pod.shape().annotation(IstioKeys.PROXY_IMAGE);
      if (override != null && !override.isEmpty()) {
        continue;
      }
      String accepted = base.get() + "-" + imageType(pod, mesh.proxyConfigs(), meshConfig);
      for (ContainerFacts c : proxies(pod)) {
        String image = c.image() == null ? "" : c.image();
        if (!image.equals(base.get()) && !image.equals(accepted)) {
          mismatched.add(pod.name());
        }
      }
    }
    if (mismatched.isEmpty()) {
      return List.of();
    }
    List<String> names = mismatched.stream().sorted().toList();
    String listed = "[" + String.join(" ", names) + "]";
    String message =
        String.format(
            "Namespace %s: pods run an istio-proxy image other than %s, the image of ConfigMap %s"
                + " (pod names: %s); redeploy them after a control-plane upgrade",
            namespace.name(), base.get(), configMap.get(), listed);
    return List.of(
        RuleResult.of(
            INFO,
            Namespaces.ref(ns),
            message,
            Map.of(
                "podNames",
                String.join(",", names),
                "expectedImage",
                base.get(),
                "configMap",
                configMap.get())));
  }

  /** The injector ConfigMap istioctl reads for a namespace, if it reads one. */
  static Optional<String> configMapName(Map<String, String> labels) {
    if (labels.containsKey(IstioKeys.REV)) {
      String rev = labels.get(IstioKeys.REV);
      return Optional.of(
          rev == null || rev.isEmpty() || rev.equals(MeshView.DEFAULT)
              ? CONFIG_MAP
              : CONFIG_MAP + "-" + rev);
    }
    return "enabled".equals(labels.get(IstioKeys.ISTIO_INJECTION))
        ? Optional.of(CONFIG_MAP)
        : Optional.empty();
  }

  /** istioctl's image of an injector ConfigMap, found by the ConfigMap's name. */
  private static Optional<String> baseImage(MeshView mesh, String configMapName) {
    return mesh.injectors().values().stream()
        .filter(i -> configMapName.equals(i.meta().name()))
        .findFirst()
        .map(PodsProxyImageMismatchRule::baseImage);
  }

  static String baseImage(InjectorConfigFacts inj) {
    String image = orEmpty(inj.proxyImage());
    if (image.contains("/")) {
      return image;
    }
    return orEmpty(inj.hub()) + "/" + image + ":" + orEmpty(inj.tag());
  }

  /** istioctl's image type of a pod ({@code ImageType}); {@code ""} for none. */
  static String imageType(
      PodView pod, List<IstioConfigFacts> proxyConfigs, MeshConfigFacts meshConfig) {
    String namespace = pod.shape().namespace();
    String root = ProxyConfigs.rootNamespace(meshConfig);
    List<IstioConfigFacts> sorted = proxyConfigs.stream().sorted(BY_NAME).toList();
    String type = "";
    if (meshConfig != null && meshConfig.mesh() != null) {
      type = nonEmpty(ProxyConfigs.imageBlock(meshConfig.mesh().get("defaultConfig")), type);
    }
    IstioConfigFacts rootConfig = null;
    IstioConfigFacts namespaceConfig = null;
    List<IstioConfigFacts> workload = new ArrayList<>();
    for (IstioConfigFacts p : sorted) {
      String pns = p.meta().namespace();
      if (root.equals(pns)) {
        rootConfig = p;
      } else if (!ProxyConfigs.hasSelector(p)) {
        if (pns.equals(namespace)) {
          namespaceConfig = p;
        }
      } else if ((pns + "/" + p.meta().name()).startsWith(namespace)) {
        workload.add(p);
      }
    }
    if (rootConfig != null) {
      type = nonEmpty(ProxyConfigs.imageBlock(rootConfig.spec()), type);
    }
    if (namespaceConfig != null) {
      type = nonEmpty(ProxyConfigs.imageBlock(namespaceConfig.spec()), type);
    }
    Map<String, String> labels = pod.shape().labels();
    for (IstioConfigFacts p : workload) {
      if (labels.entrySet().containsAll(ProxyConfigs.matchLabels(p).entrySet())) {
        type = nonEmpty(ProxyConfigs.imageBlock(p.spec()), type);
      }
    }
    type =
        nonEmpty(
            ProxyConfigs.annotationImageType(
                pod.shape().annotation(ProxyConfigs.CONFIG_ANNOTATION)),
            type);
    return type.equals("default") ? "" : type;
  }

  private static List<ContainerFacts> proxies(PodView pod) {
    List<ContainerFacts> out = new ArrayList<>();
    for (ContainerFacts c : pod.facts().spec().containers()) {
      if (IstioKeys.PROXY_CONTAINER.equals(c.name())) {
        out.add(c);
      }
    }
    for (ContainerFacts c : pod.facts().spec().initContainers()) {
      if (IstioKeys.PROXY_CONTAINER.equals(c.name())) {
        out.add(c);
      }
    }
    return out;
  }

  private static String nonEmpty(Optional<String> candidate, String current) {
    return candidate.filter(t -> !t.isEmpty()).orElse(current);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
