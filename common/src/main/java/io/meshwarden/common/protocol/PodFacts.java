package io.meshwarden.common.protocol;

/** A pod: its owner, what its spec says and how its containers are doing. */
public record PodFacts(
    String schema,
    FactKind kind,
    FactMeta meta,
    OwnerRef owner,
    PodSpecFacts spec,
    PodStatusFacts status)
    implements ObjectFacts {

  public PodFacts {
    schema = Facts.schema(schema);
    kind = Facts.requireKind(kind, FactKind.Pod);
    meta = Facts.meta(meta);
    spec = spec == null ? new PodSpecFacts(null, null, false, null, null, null) : spec;
    status = status == null ? new PodStatusFacts(null, null, null, null) : status;
  }

  @Override
  public PodFacts withMeta(FactMeta m) {
    return new PodFacts(schema, kind, m, owner, spec, status);
  }

  public static PodFacts of(
      FactMeta meta, OwnerRef owner, PodSpecFacts spec, PodStatusFacts status) {
    return new PodFacts(null, null, meta, owner, spec, status);
  }
}
