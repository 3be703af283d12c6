package io.meshwarden.common.protocol;

/**
 * A revision tag: a name ({@code prod}, {@code canary}, {@code default}) that points at an istiod
 * revision, taken from the labels of the tag's MutatingWebhookConfiguration.
 */
public record RevisionTagFacts(
    String schema, FactKind kind, FactMeta meta, String tag, String revision)
    implements ObjectFacts {

  public RevisionTagFacts {
    schema = Facts.schema(schema);
    kind = Facts.requireKind(kind, FactKind.RevisionTag);
    meta = Facts.meta(meta);
  }

  @Override
  public RevisionTagFacts withMeta(FactMeta m) {
    return new RevisionTagFacts(schema, kind, m, tag, revision);
  }
}
