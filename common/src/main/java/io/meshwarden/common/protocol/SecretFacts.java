package io.meshwarden.common.protocol;

/** A Secret's existence and type (for gateway {@code credentialName} checks). Never its data. */
public record SecretFacts(String schema, FactKind kind, FactMeta meta, String type)
    implements ObjectFacts {

  public SecretFacts {
    schema = Facts.schema(schema);
    kind = Facts.requireKind(kind, FactKind.Secret);
    meta = Facts.meta(meta);
  }

  @Override
  public SecretFacts withMeta(FactMeta m) {
    return new SecretFacts(schema, kind, m, type);
  }
}
