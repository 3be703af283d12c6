package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import io.meshwarden.core.model.WorkloadView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0005: {@code istio-proxy} crash-loops, or has not been ready for longer than a threshold
 * (measured from the pod's creation, the oldest moment the facts know it could have been ready).
 */
public final class ProxyUnhealthyRule implements NamespaceRule {

  static final RuleInfo INFO = new RuleInfo("MW0005", Severity.ERROR, null, "Proxy unhealthy");

  /** The default grace period before a not-ready proxy counts. */
  public static final Duration DEFAULT_NOT_READY_AFTER = Duration.ofMinutes(5);

  private final Duration notReadyAfter;

  public ProxyUnhealthyRule() {
    this(DEFAULT_NOT_READY_AFTER);
  }

  public ProxyUnhealthyRule(Duration notReadyAfter) {
    this.notReadyAfter = notReadyAfter;
  }

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<RuleResult> results = new ArrayList<>();
    for (WorkloadView w : namespace.workloads()) {
      List<PodView> affected = new ArrayList<>();
      int crashLooping = 0;
      int maxRestarts = 0;
      for (PodView pod : w.pods()) {
        if (!pod.proxy().injected()) {
          continue;
        }
        boolean crash = pod.proxy().crashLooping();
        if (crash || notReadyTooLong(pod, mesh.asOf())) {
          affected.add(pod);
          crashLooping += crash ? 1 : 0;
          maxRestarts = Math.max(maxRestarts, pod.proxy().restarts());
        }
      }
      if (!affected.isEmpty()) {
        String state =
            crashLooping > 0
                ? "is crash-looping"
                : "has not been ready for " + notReadyAfter.toMinutes() + "+ minutes";
        String message =
            String.format(
                "%s: istio-proxy %s in %s; check 'kubectl logs -c istio-proxy' on %s and istiod"
                    + " reachability",
                Subjects.describe(w.ref()),
                state,
                WorkloadResults.count(w, affected),
                affected.get(0).name());
        results.add(
            RuleResult.of(
                INFO,
                w.ref(),
                message,
                WorkloadResults.details(
                    w,
                    affected,
                    Map.of(
                        "crashLoopingPods", Integer.toString(crashLooping),
                        "maxRestarts", Integer.toString(maxRestarts)))));
      }
    }
    return results;
  }

  private boolean notReadyTooLong(PodView pod, Instant now) {
    Instant created = pod.facts().meta().creationTimestamp();
    if (pod.proxy().ready() || created == null || now == null) {
      return false;
    }
    return Duration.between(created, now).compareTo(notReadyAfter) > 0;
  }
}
