package io.meshwarden.core.model;

import io.meshwarden.common.protocol.InjectorConfigFacts;
import io.meshwarden.common.protocol.MeshConfigFacts;
import java.util.Optional;

/**
 * The proxy image a revision's injector gives a pod today (istio.md §3; Istio's injection template
 * and {@code ProxyImage}, 1.22–1.31):
 *
 * <ol>
 *   <li>S = the pod's {@code sidecar.istio.io/proxyImage} annotation if present, else {@code
 *       global.proxy.image}. S containing {@code /} is the image, verbatim.
 *   <li>Else {@code <global.hub>/<global.proxy.image, or proxyv2>:<tag'>}; the annotation is then
 *       ignored.
 *   <li>The image type starts as {@code global.variant}. Up to 1.30, an {@code image} block in the
 *       effective ProxyConfig ({@link ProxyConfigs}) replaces it, even with an empty {@code
 *       imageType}; from 1.31 an empty one falls back to {@code global.variant}. The pod's {@code
 *       sidecar.istio.io/proxyImageType} annotation, if present (even empty), wins.
 *   <li>tag' is {@code global.tag} as is when the type is empty; else one trailing {@code
 *       -distroless} or {@code -debug} is stripped and {@code -<type>} appended unless the type is
 *       {@code default}.
 * </ol>
 *
 * <p>The Istio version is the injecting revision's: it decides step 3.
 */
public final class ProxyImages {

  private static final String DEFAULT_IMAGE = "proxyv2";
  private static final String DEFAULT_TYPE = "default";
  private static final String[] KNOWN_TYPES = {"distroless", "debug"};

  private ProxyImages() {}

  /**
   * The image {@code revision} would give {@code pod} now; empty when the revision's injector
   * settings are unknown, or lack {@code global.hub} or {@code global.tag} where they are needed.
   *
   * @param version the Istio release the revision runs, whose image-type rules apply
   */
  public static Optional<String> expected(
      String revision, PodShape pod, MeshView mesh, IstioVersion version) {
    return mesh.injector(revision)
        .flatMap(
            inj -> {
              MeshConfigFacts meshConfig = mesh.meshConfigs().get(revision);
              Optional<String> block = ProxyConfigs.imageType(pod, mesh.proxyConfigs(), meshConfig);
              return fromValues(inj, pod, block, version);
            });
  }

  /**
   * The image from the injector's values, the pod and its effective ProxyConfig's image block
   * ({@link ProxyConfigs#imageType}).
   */
  static Optional<String> fromValues(
      InjectorConfigFacts inj, PodShape pod, Optional<String> imageBlock, IstioVersion version) {
    String configured = inj.proxyImage();
    String chosen =
        pod.annotations().containsKey(IstioKeys.PROXY_IMAGE)
            ? pod.annotation(IstioKeys.PROXY_IMAGE)
            : configured;
    if (chosen != null && chosen.contains("/")) {
      return Optional.of(chosen);
    }
    if (inj.hub() == null || inj.tag() == null) {
      return Optional.empty();
    }
    String name = configured == null || configured.isEmpty() ? DEFAULT_IMAGE : configured;
    String type = imageType(inj.variant(), imageBlock, pod, version);
    return Optional.of(inj.hub() + "/" + name + ":" + tagFor(inj.tag(), type));
  }

  /** Step 3: the variant, the ProxyConfig's image block by release, then the annotation. */
  static String imageType(
      String variant, Optional<String> imageBlock, PodShape pod, IstioVersion version) {
    String globalVariant = variant == null ? "" : variant;
    String type = globalVariant;
    if (imageBlock.isPresent()) {
      type = imageBlock.get();
      if (type.isEmpty() && version.atLeast(1, 31)) {
        type = globalVariant;
      }
    }
    if (pod.annotations().containsKey(IstioKeys.PROXY_IMAGE_TYPE)) {
      String annotated = pod.annotation(IstioKeys.PROXY_IMAGE_TYPE);
      type = annotated == null ? "" : annotated;
    }
    return type;
  }

  /** Step 4 (Istio's {@code updateImageTypeIfPresent}). */
  static String tagFor(String tag, String type) {
    if (type.isEmpty()) {
      return tag;
    }
    String base = tag;
    for (String known : KNOWN_TYPES) {
      if (base.endsWith("-" + known)) {
        base = base.substring(0, base.length() - known.length() - 1);
        break;
      }
    }
    return type.equals(DEFAULT_TYPE) ? base : base + "-" + type;
  }
}
