package io.meshwarden.core.model;

import io.meshwarden.common.protocol.InjectorConfigFacts;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.core.model.InjectionVerdict.Decision;
import io.meshwarden.core.model.InjectionVerdict.Reason;
import io.meshwarden.core.model.InjectionVerdict.Via;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether Istio would inject a pod created now, following istio.md §1: stage 1 picks the
 * webhook from labels alone, stage 2 applies the chosen revision's injector policy.
 *
 * <p>Without control-plane objects in the input the model assumes a default revision exists with
 * Istio's default settings (policy enabled, no selectors), so {@code istio-injection=enabled}
 * namespaces are still judged; revisions are then left unresolved.
 *
 * <p>Stage 2 follows the release the injecting revision runs ({@link MeshView#semantics}): the
 * values of {@code sidecar.istio.io/inject} changed meaning in 1.27.0. With injector webhooks in
 * the input, the revision that serves a pod is read from their selectors ({@link
 * InjectorWebhooks}), so deactivated webhooks and moved default tags count as Istio counts them.
 */
public final class InjectionModel {

  private InjectionModel() {}

  /** The verdict for a pod or pod template in {@code mesh}. */
  public static InjectionVerdict verdict(PodShape pod, MeshView mesh) {
    boolean nsKnown = mesh.namespaces().containsKey(pod.namespace());
    if (!nsKnown) {
      // Stage 2's absolute vetoes hold whatever the namespace says.
      if (pod.spec().hostNetwork()) {
        return InjectionVerdict.skip(Reason.HOST_NETWORK);
      }
      if (IstioKeys.EXCLUDED_NAMESPACES.contains(pod.namespace())) {
        return InjectionVerdict.skip(Reason.EXCLUDED_NAMESPACE);
      }
      return new InjectionVerdict(Decision.UNKNOWN, null, null, null, Reason.NAMESPACE_UNKNOWN);
    }
    return stageOne(pod, mesh, mesh.namespaceLabels(pod.namespace()));
  }

  /**
   * Which webhook the labels call (the table of istio.md §1). Values are exact and case-sensitive:
   * the webhooks' selectors compare strings.
   */
  private static InjectionVerdict stageOne(PodShape pod, MeshView mesh, Map<String, String> ns) {
    String injection = ns.get(IstioKeys.ISTIO_INJECTION);
    boolean optOut = "false".equals(pod.label(IstioKeys.INJECT));
    if (injection != null) {
      if (!"enabled".equals(injection)) {
        return InjectionVerdict.skip(Reason.NAMESPACE_INJECTION_NOT_ENABLED);
      }
      return optOut
          ? InjectionVerdict.skip(Reason.POD_LABEL_FALSE)
          : viaDefault(pod, mesh, Via.NAMESPACE_INJECTION_LABEL);
    }
    String nsRev = ns.get(IstioKeys.REV);
    if (nsRev != null) {
      return optOut
          ? InjectionVerdict.skip(Reason.POD_LABEL_FALSE)
          : viaRevision(pod, mesh, nsRev, Via.NAMESPACE_REV_LABEL);
    }
    if (optOut) {
      return InjectionVerdict.skip(Reason.POD_LABEL_FALSE);
    }
    String podRev = pod.label(IstioKeys.REV);
    if (podRev != null) {
      return viaRevision(pod, mesh, podRev, Via.POD_REV_LABEL);
    }
    String inject = pod.label(IstioKeys.INJECT);
    if ("true".equals(inject)) {
      return viaDefault(pod, mesh, Via.POD_INJECT_LABEL);
    }
    // auto.*: neither label on the pod, a namespace outside the four of stage 2.
    if (inject == null
        && mesh.enableNamespacesByDefault()
        && !IstioKeys.EXCLUDED_NAMESPACES.contains(pod.namespace())) {
      return viaDefault(pod, mesh, Via.NAMESPACES_BY_DEFAULT);
    }
    if (inject != null) {
      return InjectionVerdict.skip(Reason.POD_LABEL_NOT_TRUE);
    }
    if ("true".equals(pod.annotation(IstioKeys.INJECT))) {
      return InjectionVerdict.skip(Reason.ANNOTATION_ONLY);
    }
    return InjectionVerdict.skip(Reason.NOT_REQUESTED);
  }

  private static InjectionVerdict viaDefault(PodShape pod, MeshView mesh, Via via) {
    if (!mesh.hasControlPlane()) {
      return stageTwo(pod, Optional.empty(), via, MeshView.DEFAULT, null, mesh.semantics(null));
    }
    Optional<String> rev =
        mesh.routesByWebhooks()
            ? mesh.servingRevision(pod.namespace(), pod.labels())
            : mesh.defaultRevision();
    if (rev.isEmpty()) {
      return new InjectionVerdict(
          Decision.SKIP, via, MeshView.DEFAULT, null, Reason.NO_DEFAULT_REVISION);
    }
    return stageTwo(
        pod, mesh.injector(rev.get()), via, MeshView.DEFAULT, rev.get(), mesh.semantics(rev.get()));
  }

  private static InjectionVerdict viaRevision(
      PodShape pod, MeshView mesh, String requested, Via via) {
    if (!mesh.hasControlPlane()) {
      return stageTwo(pod, Optional.empty(), via, requested, null, mesh.semantics(null));
    }
    Optional<String> rev =
        mesh.routesByWebhooks()
            ? mesh.servingRevision(pod.namespace(), pod.labels())
            : mesh.resolve(requested);
    if (rev.isEmpty()) {
      return new InjectionVerdict(Decision.SKIP, via, requested, null, Reason.UNKNOWN_REVISION);
    }
    return stageTwo(
        pod, mesh.injector(rev.get()), via, requested, rev.get(), mesh.semantics(rev.get()));
  }

  /**
   * Stage 2, the injector's own decision ({@code injectRequired}), in the order of istio.md §1, by
   * the semantics of {@code version}. Without the revision's injector ConfigMap the chart's
   * defaults hold (policy enabled, no selectors).
   */
  static InjectionVerdict stageTwo(
      PodShape pod,
      Optional<InjectorConfigFacts> injector,
      Via via,
      String requested,
      String revision,
      IstioVersion version) {
    Reason reason = policyReason(pod, injector, version);
    boolean yes =
        switch (reason) {
          case LABEL_TRUE,
              ANNOTATION_TRUE,
              LABEL_YES,
              ANNOTATION_YES,
              ALWAYS_SELECTOR,
              POLICY_ENABLED ->
              true;
          default -> false;
        };
    return new InjectionVerdict(
        yes ? Decision.INJECT : Decision.SKIP, via, requested, revision, reason, version);
  }

  private static Reason policyReason(
      PodShape pod, Optional<InjectorConfigFacts> injector, IstioVersion version) {
    if (pod.spec().hostNetwork()) {
      return Reason.HOST_NETWORK;
    }
    if (IstioKeys.EXCLUDED_NAMESPACES.contains(pod.namespace())) {
      return Reason.EXCLUDED_NAMESPACE;
    }
    // A policy other than enabled/disabled, or none at all, injects nothing, not even an explicit
    // yes (injectRequired's switch falls to its default branch).
    String policy = injector.isPresent() ? injector.get().policy() : POLICY_ENABLED;
    if (policy == null) {
      return Reason.POLICY_MISSING;
    }
    if (!policy.equals(POLICY_ENABLED) && !policy.equals(POLICY_DISABLED)) {
      return Reason.POLICY_INVALID;
    }
    Reason explicit = explicitChoice(pod, version);
    if (explicit != null) {
      return explicit;
    }
    List<LabelSelector> never =
        injector.map(InjectorConfigFacts::neverInjectSelector).orElse(List.of());
    if (firstMatch(never, pod.labels())) {
      return Reason.NEVER_SELECTOR;
    }
    List<LabelSelector> always =
        injector.map(InjectorConfigFacts::alwaysInjectSelector).orElse(List.of());
    if (firstMatch(always, pod.labels())) {
      return Reason.ALWAYS_SELECTOR;
    }
    return policy.equals(POLICY_ENABLED) ? Reason.POLICY_ENABLED : Reason.POLICY_DISABLED;
  }

  /**
   * The explicit choice of stage 2 step 3: the label if its key exists (even empty), else the
   * deprecated annotation. Null means the default path (selectors, then policy).
   *
   * <ul>
   *   <li>Up to 1.26: {@code y}, {@code yes}, {@code true}, {@code on} in any case inject; any
   *       other non-empty value means no, skipping selectors and policy.
   *   <li>From 1.27.0: only {@code true} and {@code false} are explicit; any other value takes the
   *       default path.
   * </ul>
   */
  private static Reason explicitChoice(PodShape pod, IstioVersion version) {
    boolean fromLabel = pod.labels().containsKey(IstioKeys.INJECT);
    String value = fromLabel ? pod.label(IstioKeys.INJECT) : pod.annotation(IstioKeys.INJECT);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.equals("true")) {
      return fromLabel ? Reason.LABEL_TRUE : Reason.ANNOTATION_TRUE;
    }
    if (value.equals("false")) {
      return fromLabel ? Reason.POD_LABEL_FALSE : Reason.ANNOTATION_FALSE;
    }
    if (version.atLeast(1, 27)) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "y", "yes", "true", "on" -> fromLabel ? Reason.LABEL_YES : Reason.ANNOTATION_YES;
      default -> fromLabel ? Reason.LABEL_OTHER : Reason.ANNOTATION_OTHER;
    };
  }

  /**
   * Whether one of {@code selectors} matches, as istiod evaluates never/alwaysInjectSelector: each
   * a full Kubernetes LabelSelector over the pod's labels; an empty one never matches and one that
   * Kubernetes rejects is skipped.
   */
  private static boolean firstMatch(List<LabelSelector> selectors, Map<String, String> labels) {
    for (LabelSelector s : selectors) {
      boolean empty = s.matchLabels().isEmpty() && s.matchExpressions().isEmpty();
      if (!empty && valid(s) && s.matches(labels)) {
        return true;
      }
    }
    return false;
  }

  /** Whether Kubernetes accepts the selector ({@code LabelSelectorAsSelector}). */
  static boolean valid(LabelSelector s) {
    for (Map.Entry<String, String> e : s.matchLabels().entrySet()) {
      if (!validKey(e.getKey()) || !validValue(e.getValue())) {
        return false;
      }
    }
    for (LabelSelector.Requirement r : s.matchExpressions()) {
      boolean shapeOk =
          switch (r.operator() == null ? "" : r.operator()) {
            case "In", "NotIn" -> !r.values().isEmpty();
            case "Exists", "DoesNotExist" -> r.values().isEmpty();
            default -> false;
          };
      if (!shapeOk
          || !validKey(r.key())
          || !r.values().stream().allMatch(InjectionModel::validValue)) {
        return false;
      }
    }
    return true;
  }

  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** A qualified name: optional DNS subdomain prefix and {@code /}, then a name of ≤ 63. */
  private static boolean validKey(String key) {
    if (key == null) {
      return false;
    }
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        return false;
      }
    }
    return name.length() <= 63 && NAME.matcher(name).matches();
  }

  /** A label value: empty, or a name of ≤ 63. */
  private static boolean validValue(String value) {
    return value != null
        && (value.isEmpty() || (value.length() <= 63 && NAME.matcher(value).matches()));
  }

  private static final String POLICY_ENABLED = "enabled";
  private static final String POLICY_DISABLED = "disabled";
}
