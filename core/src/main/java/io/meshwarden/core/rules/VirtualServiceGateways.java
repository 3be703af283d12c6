package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.core.model.MeshView;
import java.util.Optional;

/** Finds the Gateway a VirtualService's {@code gateways} entry names. */
final class VirtualServiceGateways {

  private VirtualServiceGateways() {}

  /** The Gateway {@code ref} (as written in a VirtualService of {@code vsNamespace}) names. */
  static Optional<IstioConfigFacts> find(MeshView mesh, String ref, String vsNamespace) {
    String[] nsName = VirtualServices.gatewayRef(ref, vsNamespace);
    return mesh.gateways().stream()
        .filter(g -> g.meta().namespace().equals(nsName[0]) && g.meta().name().equals(nsName[1]))
        .findFirst();
  }
}
