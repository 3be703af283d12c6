package io.meshwarden.core.model;

import io.meshwarden.common.protocol.InjectorConfigFacts;
import java.util.Map;
import java.util.Optional;

/** The proxy image a revision injects today (istio.md §3). */
public final class ProxyImages {

  private static final String DEFAULT_IMAGE = "proxyv2";

  private ProxyImages() {}

  /**
   * The image a pod with {@code annotations} would get from {@code revision} now; empty when the
   * revision's injector settings are unknown or incomplete.
   */
  public static Optional<String> expected(
      String revision, Map<String, String> annotations, MeshView mesh) {
    String override = annotations.get(IstioKeys.PROXY_IMAGE);
    if (override != null && !override.isEmpty()) {
      return Optional.of(override);
    }
    return mesh.injector(revision).flatMap(inj -> fromValues(inj, annotations));
  }

  static Optional<String> fromValues(InjectorConfigFacts inj, Map<String, String> annotations) {
    String image = inj.proxyImage();
    if (image != null && image.contains("/")) {
      return Optional.of(image);
    }
    if (inj.hub() == null || inj.tag() == null) {
      return Optional.empty();
    }
    String variant = annotations.getOrDefault(IstioKeys.PROXY_IMAGE_TYPE, inj.variant());
    String name = image == null || image.isEmpty() ? DEFAULT_IMAGE : image;
    String suffix =
        variant == null || variant.isEmpty() || variant.equals("default") ? "" : "-" + variant;
    return Optional.of(inj.hub() + "/" + name + ":" + inj.tag() + suffix);
  }
}
