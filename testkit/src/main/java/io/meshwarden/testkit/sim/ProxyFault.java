package io.meshwarden.testkit.sim;

/**
 * How a pod's {@code istio-proxy} misbehaves in the simulated kubelet. Set per pod or pod template
 * with annotation {@code sim.meshwarden.io/proxy: crash-loop|never-ready}, or per workload with
 * {@link SimulatedCluster#proxyFault}.
 */
public enum ProxyFault {
  NONE,
  CRASH_LOOP,
  NEVER_READY;

  /** Annotation read on pods. */
  public static final String ANNOTATION = "sim.meshwarden.io/proxy";

  static ProxyFault parse(String value) {
    if (value == null) {
      return NONE;
    }
    return switch (value) {
      case "crash-loop" -> CRASH_LOOP;
      case "never-ready" -> NEVER_READY;
      default -> NONE;
    };
  }
}
