package io.meshwarden.testkit.sim.inject;

/**
 * Stage 2's answer: whether the injector mutates the pod, and which rule of istio.md §1 decided.
 *
 * @param inject whether the pod gets a sidecar
 * @param rule the deciding rule, e.g. {@code hostNetwork}, {@code label=false}, {@code
 *     policy=enabled}
 */
public record Stage2Decision(boolean inject, String rule) {}
