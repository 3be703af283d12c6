package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.IstioConfigFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the Gateway rules read from a Gateway spec. */
final class GatewayServers {

  /**
   * One server of a Gateway.
   *
   * @param hosts {@code [namespace/]host} entries as written
   * @param credentialName the TLS Secret's name, null when none
   * @param bind the {@code bind} address, null when none
   */
  record Server(
      int port, String protocol, List<String> hosts, String credentialName, String bind) {}

  private GatewayServers() {}

  static Map<String, String> selector(IstioConfigFacts gw) {
    return Specs.labels(gw.spec().path("selector"));
  }

  static List<Server> servers(IstioConfigFacts gw) {
    List<Server> out = new ArrayList<>();
    for (JsonNode s : gw.spec().path("servers")) {
      out.add(
          new Server(
              s.path("port").path("number").asInt(),
              Specs.text(s.path("port"), "protocol"),
              Specs.texts(s.path("hosts")),
              Specs.text(s.path("tls"), "credentialName"),
              Specs.text(s, "bind")));
    }
    return out;
  }
}
