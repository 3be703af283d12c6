package io.meshwarden.common.protocol;

/** A namespace: its (filtered) labels and annotations decide injection, and its phase. */
public record NamespaceFacts(String schema, FactKind kind, FactMeta meta, String phase)
    implements ObjectFacts {

  public NamespaceFacts {
    schema = Facts.schema(schema);
    kind = Facts.requireKind(kind, FactKind.Namespace);
    meta = Facts.meta(meta);
  }

  @Override
  public NamespaceFacts withMeta(FactMeta m) {
    return new NamespaceFacts(schema, kind, m, phase);
  }

  public static NamespaceFacts of(FactMeta meta, String phase) {
    return new NamespaceFacts(null, null, meta, phase);
  }
}
