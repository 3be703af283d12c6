package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.Gateways;
import io.meshwarden.core.model.InjectionModel;
import io.meshwarden.core.model.InjectionVerdict;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MW0003: pods injected by revision R1 while their namespace or pod labels now select R2, directly
 * or through a tag that was moved. Judged only when both revisions are known.
 */
public final class RevisionDriftRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0003", Severity.WARNING, null, "Revision drift", Remedy.RESTART_WORKLOAD);

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
        String actual = pod.proxy().revision();
        if (!pod.proxy().injected() || actual == null || Gateways.isManagedGateway(pod.shape())) {
          continue;
        }
        InjectionVerdict v = InjectionModel.verdict(pod.shape(), mesh);
        if (v.inject() && v.revision() != null && !v.revision().equals(actual)) {
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
    String actual =
        WorkloadResults.joined(affected.stream().map(p -> p.proxy().revision()).toList());
    String selects =
        v.requested().equals(v.revision())
            ? "revision " + v.revision()
            : "tag " + v.requested() + " -> revision " + v.revision();
    String message =
        String.format(
            "%s: %s run proxies of revision %s but %s now selects %s; %s to move them",
            Subjects.describe(w.ref()),
            WorkloadResults.count(w, affected),
            actual,
            v.via().text(),
            selects,
            Subjects.restart(w.ref()));
    return RuleResult.of(
        INFO,
        w.ref(),
        message,
        WorkloadResults.details(
            w,
            affected,
            Map.of(
                "actualRevision",
                actual,
                WorkloadResults.EXPECTED_REVISION,
                v.revision(),
                "requested",
                v.requested(),
                "via",
                v.via().name(),
                WorkloadResults.ISTIO_VERSION,
                mesh.versionDetail(v.revision()))));
  }
}
