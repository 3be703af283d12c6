package io.meshwarden.common.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code networking.istio.io} resource (a {@link FactKind} whose {@link FactKind#isIstioConfig()}
 * holds) with its {@code spec} as a JSON tree.
 *
 * @param apiVersion the version the cluster served it as, e.g. {@code networking.istio.io/v1}
 * @param status the parts of {@code status} a rule reads (a ServiceEntry's {@code addresses}, which
 *     istiod allocates), or null when there are none
 */
public record IstioConfigFacts(
    String schema, FactKind kind, FactMeta meta, String apiVersion, JsonNode spec, JsonNode status)
    implements ObjectFacts {

  /** A resource without status. */
  public IstioConfigFacts(
      String schema, FactKind kind, FactMeta meta, String apiVersion, JsonNode spec) {
    this(schema, kind, meta, apiVersion, spec, null);
  }

  public IstioConfigFacts {
    schema = Facts.schema(schema);
    meta = Facts.meta(meta);
    if (kind == null || !kind.isIstioConfig()) {
      throw new IllegalArgumentException("not an Istio networking kind: " + kind);
    }
  }

  @Override
  public IstioConfigFacts withMeta(FactMeta m) {
    return new IstioConfigFacts(schema, kind, m, apiVersion, spec, status);
  }
}
