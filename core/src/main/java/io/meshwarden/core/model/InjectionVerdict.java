package io.meshwarden.core.model;

/**
 * What Istio would do with a pod created now, and why (istio.md §1).
 *
 * @param decision inject, skip, or unknown (the input lacks what the decision needs)
 * @param via which labels called a webhook (stage 1); null when no webhook is called
 * @param requested the revision or tag the labels ask for ({@code default} for the default
 *     revision); null when no webhook is called
 * @param revision the istiod revision {@code requested} resolves to; null when it cannot be
 *     resolved (no control-plane objects in the input) or nothing is injected
 * @param reason the step that decided
 * @param istioVersion the release whose stage-2 semantics decided (the injecting revision's, see
 *     {@link MeshView#semantics}); null when stage 2 was not reached
 */
public record InjectionVerdict(
    Decision decision,
    Via via,
    String requested,
    String revision,
    Reason reason,
    IstioVersion istioVersion) {

  /** A verdict that stage 2 did not reach. */
  public InjectionVerdict(
      Decision decision, Via via, String requested, String revision, Reason reason) {
    this(decision, via, requested, revision, reason, null);
  }

  /** The outcome. */
  public enum Decision {
    INJECT,
    SKIP,
    UNKNOWN
  }

  /** How stage 1 picked a webhook. */
  public enum Via {
    NAMESPACE_INJECTION_LABEL("namespace label istio-injection=enabled"),
    NAMESPACE_REV_LABEL("namespace label istio.io/rev"),
    POD_REV_LABEL("pod label istio.io/rev"),
    POD_INJECT_LABEL("pod label sidecar.istio.io/inject=true"),
    NAMESPACES_BY_DEFAULT("enableNamespacesByDefault");

    private final String text;

    Via(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /** The rule of §1 that decided, with a phrase for messages. */
  public enum Reason {
    NAMESPACE_UNKNOWN("the pod's namespace is not in the input"),
    NAMESPACE_INJECTION_NOT_ENABLED("namespace label istio-injection is not 'enabled'"),
    POD_LABEL_FALSE("pod label sidecar.istio.io/inject=false"),
    ANNOTATION_ONLY("only the annotation sidecar.istio.io/inject asks (no webhook sees it)"),
    NOT_REQUESTED("no injection label on the namespace or the pod"),
    POD_LABEL_NOT_TRUE(
        "pod label sidecar.istio.io/inject calls a webhook in an unlabelled namespace only when"
            + " exactly 'true'"),
    NO_DEFAULT_REVISION("no default revision exists"),
    UNKNOWN_REVISION("the requested revision or tag does not exist"),
    HOST_NETWORK("the pod uses hostNetwork"),
    EXCLUDED_NAMESPACE("the namespace is excluded from injection"),
    LABEL_TRUE("pod label sidecar.istio.io/inject=true"),
    ANNOTATION_TRUE("pod annotation sidecar.istio.io/inject=true"),
    ANNOTATION_FALSE("pod annotation sidecar.istio.io/inject=false"),
    LABEL_YES(
        "pod label sidecar.istio.io/inject is a yes value (y, yes, on, any case; before 1.27)"),
    ANNOTATION_YES(
        "pod annotation sidecar.istio.io/inject is a yes value (y, yes, on, any case; before 1.27)"),
    LABEL_OTHER("pod label sidecar.istio.io/inject is neither a yes value nor empty (before 1.27)"),
    ANNOTATION_OTHER(
        "pod annotation sidecar.istio.io/inject is neither a yes value nor empty (before 1.27)"),
    NEVER_SELECTOR("the injector's neverInjectSelector matches"),
    ALWAYS_SELECTOR("the injector's alwaysInjectSelector matches"),
    POLICY_ENABLED("the injector's policy is enabled"),
    POLICY_DISABLED("the injector's policy is disabled"),
    POLICY_INVALID("the injector's policy is neither enabled nor disabled"),
    POLICY_MISSING("the injector's config has no policy, so Istio injects nothing");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /** A verdict that no webhook injects. */
  static InjectionVerdict skip(Reason reason) {
    return new InjectionVerdict(Decision.SKIP, null, null, null, reason);
  }

  public boolean inject() {
    return decision == Decision.INJECT;
  }

  public boolean skip() {
    return decision == Decision.SKIP;
  }

  public boolean known() {
    return decision != Decision.UNKNOWN;
  }
}
