package io.meshwarden.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.MeshConfigFacts;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code image} block of a pod's effective ProxyConfig, the way istiod's injector resolves it
 * (istio.md §3.4; Istio's {@code EffectiveProxyConfig}, unchanged 1.22–1.31). Strongest first:
 *
 * <ol>
 *   <li>the oldest ProxyConfig of the pod's namespace whose {@code selector.matchLabels} are all on
 *       the pod;
 *   <li>the pod's {@code proxy.istio.io/config} annotation;
 *   <li>the oldest selector-less ProxyConfig of the pod's namespace;
 *   <li>the oldest selector-less ProxyConfig of the root namespace;
 *   <li>the mesh config's {@code defaultConfig}.
 * </ol>
 *
 * <p>Istio merges the levels field by field, and a message field (as {@code image} is) is replaced
 * whole by the stronger level that sets it: so the first level with an {@code image} block decides,
 * even when its {@code imageType} is empty. One level is one resource: a matching ProxyConfig
 * without {@code image} ends the search at its level, never falls through to a second one of that
 * level. A ProxyConfig whose {@code selector} is present but has no {@code matchLabels} counts at
 * no level. Oldest is creation time (a missing one first, as Istio's zero time), then name, then
 * namespace.
 */
public final class ProxyConfigs {

  /** Pod annotation holding a ProxyConfig as YAML, merged below workload ProxyConfigs. */
  public static final String CONFIG_ANNOTATION = "proxy.istio.io/config";

  /** Istio's default root namespace, where selector-less resources apply mesh-wide. */
  static final String DEFAULT_ROOT_NAMESPACE = "istio-system";

  private static final YAMLMapper YAML = new YAMLMapper();

  private static final Comparator<IstioConfigFacts> OLDEST_FIRST =
      Comparator.comparing(
              (IstioConfigFacts p) -> p.meta().creationTimestamp(),
              Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
          .thenComparing(p -> p.meta().name())
          .thenComparing(p -> p.meta().namespace());

  private ProxyConfigs() {}

  /**
   * The image type of the effective ProxyConfig's {@code image} block: empty when no level sets an
   * {@code image} block, else its {@code imageType} ({@code ""} when the block has none).
   *
   * @param pod the pod as the injector sees it at admission
   * @param proxyConfigs every ProxyConfig of the cluster
   * @param meshConfig the injecting revision's mesh config, or null
   */
  public static Optional<String> imageType(
      PodShape pod, List<IstioConfigFacts> proxyConfigs, MeshConfigFacts meshConfig) {
    String namespace = pod.namespace();
    String root = rootNamespace(meshConfig);
    List<IstioConfigFacts> sorted = proxyConfigs.stream().sorted(OLDEST_FIRST).toList();

    Optional<IstioConfigFacts> workload =
        sorted.stream()
            .filter(p -> namespace != null && namespace.equals(p.meta().namespace()))
            .filter(p -> selectsPod(p, pod.labels()))
            .findFirst();
    if (workload.isPresent()) {
      Optional<String> image = imageBlock(workload.get().spec());
      if (image.isPresent()) {
        return image;
      }
    }
    Optional<String> annotation = annotationImageType(pod.annotation(CONFIG_ANNOTATION));
    if (annotation.isPresent()) {
      return annotation;
    }
    if (namespace != null && !namespace.equals(root)) {
      Optional<String> own = selectorLess(sorted, namespace).flatMap(p -> imageBlock(p.spec()));
      if (own.isPresent()) {
        return own;
      }
    }
    Optional<String> global = selectorLess(sorted, root).flatMap(p -> imageBlock(p.spec()));
    if (global.isPresent()) {
      return global;
    }
    return meshConfig == null || meshConfig.mesh() == null
        ? Optional.empty()
        : imageBlock(meshConfig.mesh().get("defaultConfig"));
  }

  /** The mesh config's {@code rootNamespace}, else {@value #DEFAULT_ROOT_NAMESPACE}. */
  public static String rootNamespace(MeshConfigFacts meshConfig) {
    if (meshConfig == null || meshConfig.mesh() == null) {
      return DEFAULT_ROOT_NAMESPACE;
    }
    String root = meshConfig.mesh().path("rootNamespace").asText("");
    return root.isEmpty() ? DEFAULT_ROOT_NAMESPACE : root;
  }

  /**
   * Whether a ProxyConfig has a {@code selector} field at all (null counts as absent): those
   * without apply namespace-wide.
   */
  public static boolean hasSelector(IstioConfigFacts proxyConfig) {
    JsonNode selector = proxyConfig.spec() == null ? null : proxyConfig.spec().get("selector");
    return selector != null && !selector.isNull();
  }

  /** The {@code selector.matchLabels} of a ProxyConfig; empty when it has none. */
  public static Map<String, String> matchLabels(IstioConfigFacts proxyConfig) {
    Map<String, String> out = new HashMap<>();
    JsonNode labels =
        proxyConfig.spec() == null ? null : proxyConfig.spec().path("selector").get("matchLabels");
    if (labels != null && labels.isObject()) {
      labels.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  /**
   * The {@code imageType} of an object's {@code image} block: empty without a block, {@code ""}
   * when the block sets no type.
   */
  public static Optional<String> imageBlock(JsonNode holder) {
    JsonNode image = holder == null ? null : holder.get("image");
    if (image == null || !image.isObject()) {
      return Optional.empty();
    }
    JsonNode type = image.get("imageType");
    return Optional.of(type == null || !type.isTextual() ? "" : type.textValue());
  }

  /**
   * The image block's type of a {@code proxy.istio.io/config} annotation. Istio ignores an
   * annotation it cannot decode as a ProxyConfig: not a mapping, an {@code image} that is not a
   * mapping, an {@code imageType} that is not a string.
   */
  public static Optional<String> annotationImageType(String annotation) {
    if (annotation == null || annotation.isBlank()) {
      return Optional.empty();
    }
    JsonNode tree;
    try {
      tree = YAML.readTree(annotation);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (tree == null || !tree.isObject()) {
      return Optional.empty();
    }
    JsonNode image = tree.get("image");
    if (image == null || image.isNull()) {
      return Optional.empty();
    }
    if (!image.isObject()) {
      return Optional.empty();
    }
    JsonNode type = image.get("imageType");
    if (type != null && !type.isNull() && !type.isTextual()) {
      return Optional.empty();
    }
    return Optional.of(type == null || type.isNull() ? "" : type.textValue());
  }

  private static boolean selectsPod(IstioConfigFacts p, Map<String, String> podLabels) {
    Map<String, String> wanted = matchLabels(p);
    return !wanted.isEmpty() && podLabels.entrySet().containsAll(wanted.entrySet());
  }

  private static Optional<IstioConfigFacts> selectorLess(
      List<IstioConfigFacts> sorted, String namespace) {
    return sorted.stream()
        .filter(p -> namespace.equals(p.meta().namespace()))
        .filter(p -> !hasSelector(p))
        .findFirst();
  }
}
