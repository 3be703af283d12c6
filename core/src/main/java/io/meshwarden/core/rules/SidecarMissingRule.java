package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.InjectionModel;
import io.meshwarden.core.model.InjectionVerdict;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodShape;
import io.meshwarden.core.model.PodView;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MW0001: Istio would inject the pod today, yet it runs without a proxy (created before the label,
 * or while the webhook was down). Every way of asking for injection counts; gateways never do.
 * Carries IST0103 when istioctl would warn too ({@link #istioctlWarns}). The verdict follows the
 * release the injecting revision runs; detail {@code istioVersion} names it, or says how an unknown
 * one was judged.
 */
public final class SidecarMissingRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0001", Severity.WARNING, "IST0103", "Sidecar missing", Remedy.RESTART_WORKLOAD);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public Optional<String> expectedRevision(Map<String, String> details) {
    return WorkloadResults.expectedRevision(details);
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<RuleResult> results = new ArrayList<>();
    for (WorkloadView w : namespace.workloads()) {
      List<PodView> affected = new ArrayList<>();
      InjectionVerdict verdict = null;
      for (PodView pod : w.pods()) {
        if (pod.gateway() || pod.proxy().injected()) {
          continue;
        }
        InjectionVerdict v = InjectionModel.verdict(pod.shape(), mesh);
        if (v.inject()) {
          affected.add(pod);
          verdict = v;
        }
      }
      if (!affected.isEmpty()) {
        results.add(result(w, affected, verdict, mesh));
      }
    }
    return results;
  }

  private static RuleResult result(
      WorkloadView w, List<PodView> affected, InjectionVerdict v, MeshView mesh) {
    String revision = v.revision() != null ? v.revision() : v.requested();
    String message =
        String.format(
            "%s: %s run without istio-proxy although %s asks revision %s to inject them; %s",
            Subjects.describe(w.ref()),
            WorkloadResults.count(w, affected),
            v.via().text(),
            revision,
            Subjects.restart(w.ref()));
    Map<String, String> extra = new HashMap<>();
    extra.put(WorkloadResults.EXPECTED_REVISION, revision);
    extra.put("via", v.via().name());
    extra.put("reason", v.reason().name());
    extra.put(WorkloadResults.ISTIO_VERSION, mesh.versionDetail(v.revision()));
    String ist = istioctlWarns(affected.get(0), mesh) ? INFO.istioCode() : null;
    return new RuleResult(
        INFO.code(),
        ist,
        INFO.severity(),
        w.ref(),
        message,
        WorkloadResults.details(w, affected, extra));
  }

  /**
   * Whether istioctl's injection analyzer gives IST0103 for this proxy-less pod (istio.md §6
   * "Namespace labels"): its namespace is labelled exactly {@code istio-injection=enabled}, is not
   * istio-system and not ambient, and the pod neither uses hostNetwork nor says {@code false} in
   * any case (label, else annotation). Other ways of asking for injection carry no IST code.
   */
  static boolean istioctlWarns(PodView pod, MeshView mesh) {
    String ns = pod.facts().meta().namespace();
    Map<String, String> nsLabels = mesh.namespaceLabels(ns);
    if (!"enabled".equals(nsLabels.get(IstioKeys.ISTIO_INJECTION))
        || ISTIO_SYSTEM.equals(ns)
        || "ambient".equals(nsLabels.get(IstioKeys.DATAPLANE_MODE))
        || pod.shape().spec().hostNetwork()) {
      return false;
    }
    PodShape shape = pod.shape();
    String inject =
        shape.labels().containsKey(IstioKeys.INJECT)
            ? shape.label(IstioKeys.INJECT)
            : shape.annotation(IstioKeys.INJECT);
    return !"false".equalsIgnoreCase(inject);
  }

  private static final String ISTIO_SYSTEM = "istio-system";
}
