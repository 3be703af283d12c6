package io.meshwarden.common.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.IstioConfigFacts;

/**
 * Projects the {@code networking.istio.io} kinds ({@link WatchedKind}'s rows made with the
 * two-argument constructor) of any served version. The spec is kept whole, as a copy, so the fact
 * stays immutable even if the caller reuses its tree.
 */
final class IstioConfigProjector {

  private IstioConfigProjector() {}

  static Projection project(Source src, FactKind kind) {
    FactMeta meta = src.meta(true);
    JsonNode spec = Nodes.object(src.object(), "spec");
    JsonNode copy = spec == null ? JsonNodeFactory.instance.objectNode() : spec.deepCopy();
    return src.projected(
        new IstioConfigFacts(
            null, kind, meta, src.intern(src.apiVersion()), copy, status(src, kind)));
  }

  /** A ServiceEntry's allocated {@code status.addresses}; null for anything else or none. */
  private static JsonNode status(Source src, FactKind kind) {
    JsonNode addresses = src.object().path("status").path("addresses");
    if (kind != FactKind.ServiceEntry || !addresses.isArray() || addresses.isEmpty()) {
      return null;
    }
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.set("addresses", addresses.deepCopy());
    return status;
  }
}
