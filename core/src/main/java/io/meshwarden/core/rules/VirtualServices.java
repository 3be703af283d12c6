package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.IstioConfigFacts;
import java.util.ArrayList;
import java.util.List;

/** What the VirtualService rules read from a VirtualService spec. */
final class VirtualServices {

  /** The reserved gateway name that binds a VirtualService to the sidecars. */
  static final String MESH = "mesh";

  /** The three route sections, in the order Istio matches them. */
  static final List<String> SECTIONS = List.of("http", "tls", "tcp");

  /**
   * One route destination.
   *
   * @param section {@code http}, {@code tls} or {@code tcp}
   * @param rule the rule's index within its section
   * @param port the destination port number, null when not selected
   * @param weight the route weight, null when not given
   */
  record Destination(
      String section, int rule, String host, String subset, Integer port, Integer weight) {}

  private VirtualServices() {}

  /** The gateways it binds to; none listed means {@code mesh}. */
  static List<String> gateways(IstioConfigFacts vs) {
    List<String> g = Specs.texts(vs.spec().path("gateways"));
    return g.isEmpty() ? List.of(MESH) : g;
  }

  /** Whether it applies to sidecars. */
  static boolean boundToMesh(IstioConfigFacts vs) {
    return gateways(vs).contains(MESH);
  }

  static List<String> hosts(IstioConfigFacts vs) {
    return Specs.texts(vs.spec().path("hosts"));
  }

  /** Every route destination and http mirror, in spec order. */
  static List<Destination> destinations(IstioConfigFacts vs) {
    List<Destination> out = new ArrayList<>();
    for (String section : SECTIONS) {
      JsonNode rules = vs.spec().path(section);
      for (int i = 0; i < rules.size(); i++) {
        for (JsonNode route : rules.get(i).path("route")) {
          out.add(destination(section, i, route.path("destination"), route.path("weight")));
        }
        JsonNode mirror = rules.get(i).path("mirror");
        if (mirror.isObject()) {
          out.add(destination(section, i, mirror, mirror.path("weight")));
        }
      }
    }
    return out;
  }

  private static Destination destination(String section, int i, JsonNode d, JsonNode weight) {
    JsonNode port = d.path("port").path("number");
    return new Destination(
        section,
        i,
        d.path("host").asText(""),
        Specs.text(d, "subset"),
        port.isMissingNode() || port.isNull() ? null : port.asInt(),
        weight.isMissingNode() || weight.isNull() ? null : weight.asInt());
  }
}
