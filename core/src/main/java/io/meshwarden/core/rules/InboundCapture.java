package io.meshwarden.core.rules;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which inbound ports of a sidecar pod the proxy captures, so a kubelet probe to them goes through
 * Envoy (istio.md §5; the injection template's {@code istio-iptables -b/-d} arguments and {@code
 * tools/istio-iptables} {@code handleInboundPortsInclude}). The injector writes the effective
 * {@code traffic.sidecar.istio.io/includeInboundPorts} and {@code excludeInboundPorts} (the latter
 * with the status port added) onto the pod, so a running pod's annotations say what was applied.
 *
 * <ul>
 *   <li>include {@code *} (the default): every port but the excluded ones, 15090, 15021 and the
 *       status port;
 *   <li>include a list: only those ports (exclusions do not matter);
 *   <li>include empty, or interception mode {@code NONE}: nothing.
 * </ul>
 */
final class InboundCapture {

  static final String INCLUDE = "traffic.sidecar.istio.io/includeInboundPorts";
  static final String EXCLUDE = "traffic.sidecar.istio.io/excludeInboundPorts";
  static final String STATUS_PORT = "status.sidecar.istio.io/port";
  static final String INTERCEPTION_MODE = "sidecar.istio.io/interceptionMode";

  /** The agent's status port when the pod does not name another. */
  static final int DEFAULT_STATUS_PORT = 15020;

  /** Envoy's Prometheus and health ports, always excluded by the injection template. */
  private static final Set<Integer> ALWAYS_EXCLUDED = Set.of(15090, 15021);

  private final boolean all;
  private final Set<Integer> ports;

  private InboundCapture(boolean all, Set<Integer> ports) {
    this.all = all;
    this.ports = ports;
  }

  /** The capture of a pod with these annotations. */
  static InboundCapture of(Map<String, String> annotations) {
    if ("NONE".equals(annotations.get(INTERCEPTION_MODE))) {
      return new InboundCapture(false, Set.of());
    }
    String include = annotations.getOrDefault(INCLUDE, "*").trim();
    if (include.equals("*")) {
      Set<Integer> excluded = new HashSet<>(ALWAYS_EXCLUDED);
      excluded.addAll(parse(annotations.get(EXCLUDE)));
      excluded.add(statusPort(annotations));
      return new InboundCapture(true, excluded);
    }
    return new InboundCapture(false, parse(include));
  }

  /** The agent's status port: the annotation when it is a number, else 15020. */
  static int statusPort(Map<String, String> annotations) {
    String v = annotations.get(STATUS_PORT);
    if (v != null) {
      try {
        return Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        return DEFAULT_STATUS_PORT;
      }
    }
    return DEFAULT_STATUS_PORT;
  }

  /** Whether traffic to {@code port} of the pod goes through the proxy. */
  boolean captures(int port) {
    return all ? !ports.contains(port) : ports.contains(port);
  }

  private static Set<Integer> parse(String list) {
    if (list == null || list.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(list.split(","))
        .map(String::trim)
        .filter(p -> !p.isEmpty() && p.chars().allMatch(Character::isDigit) && p.length() < 6)
        .map(Integer::valueOf)
        .collect(Collectors.toSet());
  }
}
