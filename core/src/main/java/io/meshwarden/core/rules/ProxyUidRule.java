package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.PodSpecFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodShape;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * MW0016: an app container runs as UID 1337, the proxy's own. The proxy's iptables rules exempt
 * that UID, so the app's traffic bypasses the mesh. Judged per workload of any kind from its pod
 * template, by the UID each container really runs as (container-level {@code runAsUser}, else the
 * pod-level one). meshwarden's own check, with no IST code: istioctl's IST0144 looks at Pods and
 * Deployments only and at the written fields, not the effective UID; {@link
 * InvalidApplicationUidRule} (MW0017) reproduces it.
 */
public final class ProxyUidRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0016", Severity.WARNING, null, "App container runs as the proxy's UID");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<RuleResult> results = new ArrayList<>();
    for (WorkloadView w : namespace.workloads()) {
      PodShape template = w.template();
      List<String> offenders = template == null ? List.of() : offenders(template.spec());
      if (!offenders.isEmpty()) {
        String names = String.join(",", offenders);
        results.add(
            RuleResult.of(
                INFO,
                w.ref(),
                String.format(
                    "%s: container %s runs as UID 1337, the proxy's, so its traffic bypasses the"
                        + " sidecar; set runAsUser to another UID",
                    Subjects.describe(w.ref()), names),
                Map.of("containers", names)));
      }
    }
    return results;
  }

  private static List<String> offenders(PodSpecFacts spec) {
    List<String> names = new ArrayList<>();
    for (ContainerFacts c : Probes.appContainers(spec)) {
      Long uid = c.runAsUser() != null ? c.runAsUser() : spec.runAsUser();
      if (Objects.equals(uid, IstioKeys.PROXY_UID)) {
        names.add(c.name());
      }
    }
    return names;
  }
}
