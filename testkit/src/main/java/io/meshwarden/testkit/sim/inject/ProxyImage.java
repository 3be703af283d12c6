package io.meshwarden.testkit.sim.inject;

import java.util.Map;

/** Istio.md §3: the proxy image a revision's injector puts in a pod. */
public final class ProxyImage {

  private ProxyImage() {}

  /**
   * The image for a pod with {@code annotations} under {@code config}: the pod's {@code
   * sidecar.istio.io/proxyImage} if set; {@code global.proxy.image} as is when it contains a {@code
   * /}; else {@code <hub>/<image or proxyv2>:<tag>[-<variant>]}.
   */
  public static String resolve(InjectorConfig config, Map<String, String> annotations) {
    Map<String, String> podAnnotations = annotations == null ? Map.of() : annotations;
    String override = podAnnotations.get(IstioNames.PROXY_IMAGE);
    if (override != null && !override.isEmpty()) {
      return override;
    }
    String image = config.string("global.proxy.image", "proxyv2");
    if (image.contains("/")) {
      return image;
    }
    String hub = config.string("global.hub", "docker.io/istio");
    String tag = config.string("global.tag", "latest");
    String variant =
        podAnnotations.getOrDefault(
            IstioNames.PROXY_IMAGE_TYPE, config.string("global.variant", ""));
    return hub + "/" + image + ":" + tag + (variant.isEmpty() ? "" : "-" + variant);
  }
}
