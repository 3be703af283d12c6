package io.meshwarden.core.model;

import io.meshwarden.common.protocol.PodFacts;

/**
 * One pod with what can be derived from it alone, computed once: its admission shape, its actual
 * proxy state and whether it is a gateway.
 */
public record PodView(PodFacts facts, PodShape shape, ProxyState proxy, boolean gateway) {

  public static PodView of(PodFacts pod) {
    PodShape shape = PodShape.of(pod);
    return new PodView(pod, shape, ProxyStateReader.read(pod), Gateways.isGateway(shape));
  }

  public String name() {
    return facts.meta().name();
  }
}
