package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.IstioConfigFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * The destinations of a VirtualService in the order and with the kinds istioctl's destination
 * analyzers walk them: route destinations of {@code tcp}, {@code tls}, then {@code http}; then per
 * HTTP rule its {@code mirror} and each entry of {@code mirrors}.
 */
final class VirtualServiceDestinations {

  /**
   * One destination.
   *
   * @param host the host as written (may be empty)
   * @param subset the subset, empty when none
   * @param port the port number, null when the destination names none
   * @param mirror whether it is a mirror ({@code mirror} or {@code mirrors}) rather than a route
   */
  record Destination(String host, String subset, Integer port, boolean mirror) {}

  private VirtualServiceDestinations() {}

  static List<Destination> of(IstioConfigFacts vs) {
    JsonNode spec = vs.spec();
    List<Destination> out = new ArrayList<>();
    for (String section : List.of("tcp", "tls", "http")) {
      for (JsonNode rule : spec.path(section)) {
        for (JsonNode route : rule.path("route")) {
          out.add(destination(route.path("destination"), false));
        }
      }
    }
    for (JsonNode rule : spec.path("http")) {
      if (rule.path("mirror").isObject()) {
        out.add(destination(rule.path("mirror"), true));
      }
      for (JsonNode m : rule.path("mirrors")) {
        out.add(destination(m.path("destination"), true));
      }
    }
    return out;
  }

  private static Destination destination(JsonNode d, boolean mirror) {
    JsonNode port = d.path("port");
    Integer number = port.isObject() ? port.path("number").asInt(0) : null;
    return new Destination(d.path("host").asText(""), d.path("subset").asText(""), number, mirror);
  }
}
