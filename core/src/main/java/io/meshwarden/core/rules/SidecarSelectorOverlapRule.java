package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0161 (IST0110): several Sidecars' workload selectors select one same pod; Istio applies only
 * one of them. As istioctl, each such Sidecar is reported once per pod selected by two or more;
 * pods that ambient redirects are skipped (MW0163 covers them).
 */
public final class SidecarSelectorOverlapRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0161", Severity.ERROR, "IST0110", "Sidecar selectors overlap");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<RuleResult> out = new ArrayList<>();
    for (Map.Entry<PodView, List<IstioConfigFacts>> e : Sidecars.byPod(namespace).entrySet()) {
      PodView pod = e.getKey();
      List<IstioConfigFacts> sidecars = e.getValue();
      if (sidecars.size() < 2 || Sidecars.ambient(pod)) {
        continue;
      }
      String names = Sidecars.names(sidecars);
      for (IstioConfigFacts s : sidecars) {
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(s),
                String.format(
                    "%s: Sidecars %s all select pod %s/%s; make the selectors disjoint",
                    Subjects.describe(Specs.ref(s)), names, namespace.name(), pod.name()),
                Map.of("sidecars", names, "pod", pod.name())));
      }
    }
    return out;
  }
}
