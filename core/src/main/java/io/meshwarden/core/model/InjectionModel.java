package io.meshwarden.core.model;

import io.meshwarden.common.protocol.InjectorConfigFacts;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.core.model.InjectionVerdict.Decision;
import io.meshwarden.core.model.InjectionVerdict.Reason;
import io.meshwarden.core.model.InjectionVerdict.Via;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether Istio would inject a pod created now, following istio.md §1: stage 1 picks the
 * webhook from labels alone, stage 2 applies the chosen revision's injector policy.
 *
 * <p>Without control-plane objects in the input the model assumes a default revision exists with
 * Istio's default settings (policy enabled, no selectors), so {@code istio-injection=enabled}
 * namespaces are still judged; revisions are then left unresolved.
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
    if ("true".equals(pod.label(IstioKeys.INJECT))) {
      return viaDefault(pod, mesh, Via.POD_INJECT_LABEL);
    }
    if (mesh.enableNamespacesByDefault()
        && !IstioKeys.EXCLUDED_NAMESPACES.contains(pod.namespace())) {
      return viaDefault(pod, mesh, Via.NAMESPACES_BY_DEFAULT);
    }
    if ("true".equals(pod.annotation(IstioKeys.INJECT))) {
      return InjectionVerdict.skip(Reason.ANNOTATION_ONLY);
    }
    return InjectionVerdict.skip(Reason.NOT_REQUESTED);
  }

  private static InjectionVerdict viaDefault(PodShape pod, MeshView mesh, Via via) {
    if (!mesh.hasControlPlane()) {
      return stageTwo(pod, Optional.empty(), via, MeshView.DEFAULT, null);
    }
    Optional<String> rev = mesh.defaultRevision();
    if (rev.isEmpty()) {
      return new InjectionVerdict(
          Decision.SKIP, via, MeshView.DEFAULT, null, Reason.NO_DEFAULT_REVISION);
    }
    return stageTwo(pod, mesh.injector(rev.get()), via, MeshView.DEFAULT, rev.get());
  }

  private static InjectionVerdict viaRevision(
      PodShape pod, MeshView mesh, String requested, Via via) {
    if (!mesh.hasControlPlane()) {
      return stageTwo(pod, Optional.empty(), via, requested, null);
    }
    Optional<String> rev = mesh.resolve(requested);
    if (rev.isEmpty()) {
      return new InjectionVerdict(Decision.SKIP, via, requested, null, Reason.UNKNOWN_REVISION);
    }
    return stageTwo(pod, mesh.injector(rev.get()), via, requested, rev.get());
  }

  /** Stage 2, the injector's own policy, in the order of istio.md §1. */
  static InjectionVerdict stageTwo(
      PodShape pod,
      Optional<InjectorConfigFacts> injector,
      Via via,
      String requested,
      String revision) {
    Reason reason = policyReason(pod, injector);
    boolean yes =
        switch (reason) {
          case LABEL_TRUE, ANNOTATION_TRUE, ALWAYS_SELECTOR, POLICY_ENABLED -> true;
          default -> false;
        };
    return new InjectionVerdict(
        yes ? Decision.INJECT : Decision.SKIP, via, requested, revision, reason);
  }

  private static Reason policyReason(PodShape pod, Optional<InjectorConfigFacts> injector) {
    if (pod.spec().hostNetwork()) {
      return Reason.HOST_NETWORK;
    }
    if (IstioKeys.EXCLUDED_NAMESPACES.contains(pod.namespace())) {
      return Reason.EXCLUDED_NAMESPACE;
    }
    Reason explicit = explicitChoice(pod);
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
    // A ConfigMap without a policy is treated as the chart default, enabled.
    String policy = injector.map(InjectorConfigFacts::policy).orElse(null);
    if (policy == null || policy.equals("enabled")) {
      return Reason.POLICY_ENABLED;
    }
    return policy.equals("disabled") ? Reason.POLICY_DISABLED : Reason.POLICY_INVALID;
  }

  /** The label wins over the deprecated annotation; only "true" and "false" are explicit. */
  private static Reason explicitChoice(PodShape pod) {
    String label = pod.label(IstioKeys.INJECT);
    if (label != null) {
      return switch (label) {
        case "true" -> Reason.LABEL_TRUE;
        case "false" -> Reason.POD_LABEL_FALSE;
        default -> null;
      };
    }
    String annotation = pod.annotation(IstioKeys.INJECT);
    if (annotation == null) {
      return null;
    }
    return switch (annotation) {
      case "true" -> Reason.ANNOTATION_TRUE;
      case "false" -> Reason.ANNOTATION_FALSE;
      default -> null;
    };
  }

  /** Istio skips empty selectors, which would otherwise match every pod. */
  private static boolean firstMatch(List<LabelSelector> selectors, Map<String, String> labels) {
    for (LabelSelector s : selectors) {
      if (s.terms() > 0 && s.matches(labels)) {
        return true;
      }
    }
    return false;
  }
}
