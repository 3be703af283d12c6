package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodShape;
import io.meshwarden.core.model.PodView;
import io.meshwarden.core.model.WorkloadView;
import java.util.List;
import java.util.Map;

/**
 * MW0007: an httpGet probe sets {@code host} in a workload whose probes are rewritten: the agent
 * calls that host instead of the app, so the probe checks the wrong thing or fails. Read from the
 * workload's template, since the rewritten pod spec no longer shows the original probe.
 */
public final class ProbeHostSetRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0007", Severity.WARNING, null, "Probe host set on a rewritten probe");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    return namespace.workloads().stream()
        .filter(w -> w.facts() != null)
        .flatMap(w -> evaluate(w).stream())
        .toList();
  }

  private static List<RuleResult> evaluate(WorkloadView w) {
    PodShape template = PodShape.of(w.facts());
    if (template == null) {
      return List.of();
    }
    List<String> containers = Probes.containersWithHost(template.spec());
    List<PodView> affected = w.podsWhere(p -> p.proxy().injected() && p.proxy().probesRewritten());
    if (containers.isEmpty() || affected.isEmpty()) {
      return List.of();
    }
    String message =
        String.format(
            "%s: container %s sets httpGet.host on a probe that Istio rewrites (%s affected);"
                + " remove the host field so the agent probes the app on localhost",
            Subjects.describe(w.ref()),
            String.join(",", containers),
            WorkloadResults.count(w, affected));
    return List.of(
        RuleResult.of(
            INFO,
            w.ref(),
            message,
            WorkloadResults.details(
                w, affected, Map.of("containers", String.join(",", containers)))));
  }
}
