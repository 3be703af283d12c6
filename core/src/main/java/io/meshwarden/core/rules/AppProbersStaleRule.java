package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * MW0008: {@code ISTIO_KUBE_APP_PROBERS} names a container the pod does not have (a container was
 * renamed after injection, or the variable was copied): the agent answers that probe path with an
 * error and the real container's probe is not served. Its keys are {@code
 * /app-health/<container>/...} for probes and, from Istio 1.25, {@code
 * /app-lifecycle/<container>/...} for hooks; the container may be an init container (a native app
 * sidecar), which Istio rewrites too.
 */
public final class AppProbersStaleRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0008", Severity.WARNING, null, "Rewritten probes name a missing container");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<RuleResult> results = new ArrayList<>();
    for (WorkloadView w : namespace.workloads()) {
      WorkloadResults.Named stale = WorkloadResults.named(w, AppProbersStaleRule::stale);
      List<PodView> affected = stale.pods();
      if (!affected.isEmpty()) {
        String names = String.join(",", stale.names());
        String message =
            String.format(
                "%s: ISTIO_KUBE_APP_PROBERS of %s names container %s that does not exist; do not"
                    + " set the variable by hand and %s so Istio regenerates it",
                Subjects.describe(w.ref()),
                WorkloadResults.count(w, affected),
                names,
                Subjects.restart(w.ref()));
        results.add(
            RuleResult.of(
                INFO,
                w.ref(),
                message,
                WorkloadResults.details(w, affected, Map.of("missingContainers", names))));
      }
    }
    return results;
  }

  private static Set<String> stale(PodView pod) {
    if (!pod.proxy().injected() || pod.proxy().appProbers().isEmpty()) {
      return Set.of();
    }
    Set<String> names =
        Stream.concat(
                pod.facts().spec().initContainers().stream(),
                pod.facts().spec().containers().stream())
            .map(ContainerFacts::name)
            .collect(Collectors.toSet());
    Set<String> stale = new TreeSet<>();
    for (String path : pod.proxy().appProbers()) {
      String container = Probes.containerOf(path);
      if (container != null && !names.contains(container)) {
        stale.add(container);
      }
    }
    return stale;
  }
}
