package io.meshwarden.common.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.PeerAuthenticationFacts;
import java.util.HashMap;
import java.util.Map;

/**
 * Projects {@code security.istio.io} PeerAuthentications of any served version: the selector's
 * labels, {@code spec.mtls.mode} and the port-level modes. Nothing else of the spec is kept.
 */
final class PeerAuthenticationProjector {

  private PeerAuthenticationProjector() {}

  static Projection project(Source src) {
    FactMeta meta = src.meta(true);
    JsonNode spec = Nodes.object(src.object(), "spec");
    try {
      Map<String, String> selector = selector(src, spec);
      String mode = mode(src, Nodes.object(spec, "mtls"), "mtls");
      Map<String, String> ports = portLevel(src, spec);
      return src.projected(
          new PeerAuthenticationFacts(
              null, null, meta, src.intern(src.apiVersion()), selector, mode, ports));
    } catch (InvalidField e) {
      throw e.under("spec");
    }
  }

  private static Map<String, String> selector(Source src, JsonNode spec) {
    JsonNode selector = Nodes.object(spec, "selector");
    if (selector == null) {
      return Map.of();
    }
    try {
      return src.stringMap(selector, "matchLabels");
    } catch (InvalidField e) {
      throw e.under("selector");
    }
  }

  private static String mode(Source src, JsonNode mtls, String path) {
    try {
      String mode = Nodes.text(mtls, "mode");
      return mode == null ? null : src.intern(mode);
    } catch (InvalidField e) {
      throw e.under(path);
    }
  }

  private static Map<String, String> portLevel(Source src, JsonNode spec) {
    JsonNode ports = Nodes.object(spec, "portLevelMtls");
    if (ports == null || ports.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : ports.properties()) {
      String path = "portLevelMtls." + e.getKey();
      if (!e.getValue().isObject()) {
        throw new InvalidField(path, "expected an object but got " + Nodes.describe(e.getValue()));
      }
      String mode = mode(src, e.getValue(), path);
      out.put(e.getKey(), mode == null ? PeerAuthenticationFacts.UNSET : mode);
    }
    return out;
  }
}
