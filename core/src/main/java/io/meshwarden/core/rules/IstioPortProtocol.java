package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.core.model.IstioVersion;
import java.util.Locale;
import java.util.Set;

/**
 * Whether Istio can tell a Service port's protocol, as its conversion from a Kubernetes port
 * ({@code pkg/config/kube/conversion.go}) decides: UDP is UDP; else {@code appProtocol} when set,
 * else the port name, is read up to its first {@code -} (a {@code grpc-web} prefix first) as one of
 * Istio's protocol names, case ignored; else ports 25, 53, 3306 and 27017 are TCP. The Kubernetes
 * {@code appProtocol} names {@code kubernetes.io/h2c}, and from 1.24 {@code kubernetes.io/ws} and
 * {@code kubernetes.io/wss}, count too.
 */
final class IstioPortProtocol {

  /** The names Istio parses as a protocol, lower case. */
  private static final Set<String> NAMES =
      Set.of(
          "tcp",
          "udp",
          "grpc",
          "grpc-web",
          "http",
          "http_proxy",
          "http2",
          "https",
          "tls",
          "mongo",
          "redis",
          "mysql");

  /** Ports Istio treats as TCP when the name names no protocol. */
  private static final Set<Integer> WELL_KNOWN_TCP = Set.of(25, 53, 3306, 27017);

  private static final String GRPC_WEB = "grpc-web";

  private IstioPortProtocol() {}

  /** Whether Istio of {@code version} finds a protocol for the port. */
  static boolean known(ServiceFacts.ServicePort port, IstioVersion version) {
    if ("UDP".equals(port.protocol())) {
      return true;
    }
    String name = port.name() == null ? "" : port.name();
    if (port.appProtocol() != null) {
      name = port.appProtocol();
      if (name.equals("kubernetes.io/h2c")
          || (version.atLeast(1, 24)
              && (name.equals("kubernetes.io/ws") || name.equals("kubernetes.io/wss")))) {
        return true;
      }
    }
    if (name.regionMatches(true, 0, GRPC_WEB, 0, GRPC_WEB.length())) {
      return true;
    }
    int dash = name.indexOf('-');
    String prefix = dash >= 0 ? name.substring(0, dash) : name;
    return NAMES.contains(prefix.toLowerCase(Locale.ROOT)) || WELL_KNOWN_TCP.contains(port.port());
  }
}
