package io.meshwarden.common.protocol;

import java.util.List;

/**
 * A MutatingWebhookConfiguration that injects sidecars (Istio's own, or a revision tag's).
 *
 * @param revision label {@code istio.io/rev}
 * @param tag label {@code istio.io/tag}, for revision-tag webhooks
 */
public record WebhookConfigFacts(
    String schema,
    FactKind kind,
    FactMeta meta,
    String revision,
    String tag,
    List<Webhook> webhooks)
    implements ObjectFacts {

  public WebhookConfigFacts {
    schema = Facts.schema(schema);
    kind = Facts.requireKind(kind, FactKind.MutatingWebhookConfiguration);
    meta = Facts.meta(meta);
    webhooks = Facts.list(webhooks);
  }

  @Override
  public WebhookConfigFacts withMeta(FactMeta m) {
    return new WebhookConfigFacts(schema, kind, m, revision, tag, webhooks);
  }

  /**
   * One webhook of the configuration.
   *
   * @param serviceNamespace namespace of the service it calls, or null when it calls a URL
   * @param url the URL it calls when it calls no service (never with credentials in it)
   */
  public record Webhook(
      String name,
      LabelSelector namespaceSelector,
      LabelSelector objectSelector,
      String failurePolicy,
      String serviceNamespace,
      String serviceName,
      String servicePath,
      String url) {}
}
