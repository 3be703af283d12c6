package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.InjectionModel;
import io.meshwarden.core.model.InjectionVerdict;
import io.meshwarden.core.model.InjectionVerdict.Reason;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MW0002: a pod runs a proxy that Istio would no longer inject (label removed, opt-out added,
 * namespace moved to ambient). Gateways, and verdicts that only fail because a revision is missing
 * (MW0011/MW0012 report those), are left out.
 */
public final class UnexpectedSidecarRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0002",
          Severity.WARNING,
          null,
          "Unexpected sidecar",
          Remedy.RESTART_WORKLOAD_WITHOUT_SIDECAR);

  /**
   * Skips that are a control-plane defect rather than anyone's choice for the pod: a missing
   * revision (MW0011/MW0012), or an injector policy that injects nothing at all (missing or
   * invalid), where removing every sidecar of the mesh would be the wrong remedy.
   */
  private static final Set<Reason> NOT_A_CHOICE =
      Set.of(
          Reason.UNKNOWN_REVISION,
          Reason.NO_DEFAULT_REVISION,
          Reason.POLICY_MISSING,
          Reason.POLICY_INVALID);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<RuleResult> results = new ArrayList<>();
    boolean ambient =
        "ambient".equals(mesh.namespaceLabels(namespace.name()).get(IstioKeys.DATAPLANE_MODE));
    for (WorkloadView w : namespace.workloads()) {
      List<PodView> affected = new ArrayList<>();
      InjectionVerdict verdict = null;
      for (PodView pod : w.pods()) {
        if (pod.gateway() || !pod.proxy().injected()) {
          continue;
        }
        InjectionVerdict v = InjectionModel.verdict(pod.shape(), mesh);
        if (v.skip() && !NOT_A_CHOICE.contains(v.reason())) {
          affected.add(pod);
          verdict = v;
        }
      }
      if (!affected.isEmpty()) {
        Reason reason = verdict.reason();
        String why = ambient ? "the namespace moved to ambient" : reason.text();
        String message =
            String.format(
                "%s: %s run istio-proxy but Istio would no longer inject them (%s); %s to drop"
                    + " the sidecar, or restore the injection label",
                Subjects.describe(w.ref()),
                WorkloadResults.count(w, affected),
                why,
                Subjects.restart(w.ref()));
        results.add(
            RuleResult.of(
                INFO,
                w.ref(),
                message,
                WorkloadResults.details(
                    w,
                    affected,
                    Map.of(
                        "reason",
                        reason.name(),
                        "ambient",
                        Boolean.toString(ambient),
                        WorkloadResults.ISTIO_VERSION,
                        mesh.versionDetail(verdict.revision())))));
      }
    }
    return results;
  }
}
