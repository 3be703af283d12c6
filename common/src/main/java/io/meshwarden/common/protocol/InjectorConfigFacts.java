package io.meshwarden.common.protocol;

import java.util.List;

/**
 * The sidecar injector settings of one revision, from ConfigMap {@code
 * istio-sidecar-injector[-<rev>]} (keys {@code config} and {@code values}).
 *
 * @param revision the revision, {@code default} for the unnamed one
 * @param policy {@code enabled}, {@code disabled} or what the ConfigMap says
 * @param neverInjectSelector selectors that veto injection, in order
 * @param alwaysInjectSelector selectors that force injection, in order
 * @param enableNamespacesByDefault {@code sidecarInjectorWebhook.enableNamespacesByDefault}
 * @param hub {@code global.hub}
 * @param tag {@code global.tag}
 * @param proxyImage {@code global.proxy.image}
 * @param variant {@code global.variant}
 * @param rewriteAppHTTPProbe {@code sidecarInjectorWebhook.rewriteAppHTTPProbe}
 * @param nativeSidecar whether the revision injects native sidecars, when known
 * @param defaultTemplates the templates applied by default
 */
public record InjectorConfigFacts(
    String schema,
    FactKind kind,
    FactMeta meta,
    String revision,
    String policy,
    List<LabelSelector> neverInjectSelector,
    List<LabelSelector> alwaysInjectSelector,
    Boolean enableNamespacesByDefault,
    String hub,
    String tag,
    String proxyImage,
    String variant,
    Boolean rewriteAppHTTPProbe,
    Boolean nativeSidecar,
    List<String> defaultTemplates)
    implements ObjectFacts {

  public InjectorConfigFacts {
    schema = Facts.schema(schema);
    kind = Facts.requireKind(kind, FactKind.InjectorConfig);
    meta = Facts.meta(meta);
    neverInjectSelector = Facts.list(neverInjectSelector);
    alwaysInjectSelector = Facts.list(alwaysInjectSelector);
    defaultTemplates = Facts.list(defaultTemplates);
  }

  @Override
  public InjectorConfigFacts withMeta(FactMeta m) {
    return new InjectorConfigFacts(
        schema,
        kind,
        m,
        revision,
        policy,
        neverInjectSelector,
        alwaysInjectSelector,
        enableNamespacesByDefault,
        hub,
        tag,
        proxyImage,
        variant,
        rewriteAppHTTPProbe,
        nativeSidecar,
        defaultTemplates);
  }
}
