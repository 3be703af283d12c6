package io.meshwarden.core.model;

import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;

/**
 * Recognises gateway pods, which are never "missing a sidecar" (istio.md §2): Helm gateways ({@code
 * image: auto} with the {@code gateway} template) and Gateway-API-managed pods.
 */
public final class Gateways {

  private Gateways() {}

  public static boolean isGateway(PodShape pod) {
    if (pod.label(IstioKeys.GATEWAY_MANAGED) != null
        || pod.label("istio.io/gateway-name") != null) {
      return true;
    }
    String templates = pod.annotation(IstioKeys.TEMPLATES);
    if (templates != null && templates.contains("gateway")) {
      return true;
    }
    ContainerFacts proxy =
        ProxyStateReader.find(pod.spec().containers(), IstioKeys.PROXY_CONTAINER);
    return proxy != null && "auto".equals(proxy.image());
  }

  /** Gateway-API-managed pods run istio-proxy deployed by istiod, never injected. */
  public static boolean isManagedGateway(PodShape pod) {
    return pod.label(IstioKeys.GATEWAY_MANAGED) != null;
  }
}
