package io.meshwarden.common.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The mesh configuration of one revision (ConfigMap {@code istio[-<rev>]}, key {@code mesh}) as a
 * JSON tree.
 */
public record MeshConfigFacts(
    String schema, FactKind kind, FactMeta meta, String revision, JsonNode mesh)
    implements ObjectFacts {

  public MeshConfigFacts {
    schema = Facts.schema(schema);
    kind = Facts.requireKind(kind, FactKind.MeshConfig);
    meta = Facts.meta(meta);
  }

  @Override
  public MeshConfigFacts withMeta(FactMeta m) {
    return new MeshConfigFacts(schema, kind, m, revision, mesh);
  }
}
