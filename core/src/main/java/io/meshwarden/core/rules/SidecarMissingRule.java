package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.InjectionModel;
import io.meshwarden.core.model.InjectionVerdict;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MW0001: Istio would inject the pod today, yet it runs without a proxy (created before the label,
 * or while the webhook was down). Every way of asking for injection counts; gateways never do. The
 * verdict follows the release the injecting revision runs; detail {@code istioVersion} names it, or
 * says how an unknown one was judged. It claims no IST code: istioctl's own check, per pod and with
 * istioctl's conditions, is {@link PodMissingProxyRule} (MW0022).
 */
public final class SidecarMissingRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0001", Severity.WARNING, null, "Sidecar missing", Remedy.RESTART_WORKLOAD);

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
    return new RuleResult(
        INFO.code(),
        INFO.istioCode(),
        INFO.severity(),
        w.ref(),
        message,
        WorkloadResults.details(w, affected, extra));
  }
}
