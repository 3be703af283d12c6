package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.InjectionModel;
import io.meshwarden.core.model.InjectionVerdict;
import io.meshwarden.core.model.InjectionVerdict.Reason;
import io.meshwarden.core.model.InjectionVerdict.Via;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodShape;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0012: a workload's pod template asks (by pod label) for a revision or tag that does not exist,
 * or for the default revision when there is none; its new pods get no sidecar. Namespace-level
 * requests are MW0011. Judged only when the input holds control-plane objects.
 */
public final class UnknownWorkloadRevisionRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0012", Severity.ERROR, null, "Workload asks for a missing revision");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    if (!mesh.hasControlPlane()) {
      return List.of();
    }
    List<RuleResult> results = new ArrayList<>();
    for (WorkloadView w : namespace.workloads()) {
      PodShape template = w.template();
      if (template == null) {
        continue;
      }
      InjectionVerdict v = InjectionModel.verdict(template, mesh);
      boolean podAsks = v.via() == Via.POD_REV_LABEL || v.via() == Via.POD_INJECT_LABEL;
      boolean missing =
          v.reason() == Reason.UNKNOWN_REVISION || v.reason() == Reason.NO_DEFAULT_REVISION;
      if (podAsks && missing) {
        String known = String.join(",", mesh.knownRevisions());
        results.add(
            RuleResult.of(
                INFO,
                w.ref(),
                String.format(
                    "%s: %s asks for revision %s, which does not exist (known: %s); point the"
                        + " label at an existing revision or tag",
                    Subjects.describe(w.ref()),
                    v.via().text(),
                    v.requested(),
                    known.isEmpty() ? "none" : known),
                Map.of("requested", v.requested(), "knownRevisions", known)));
      }
    }
    return results;
  }
}
