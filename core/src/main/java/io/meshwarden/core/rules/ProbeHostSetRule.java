package io.meshwarden.core.rules;

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

/**
 * MW0007: a probe or lifecycle hook that Istio rewrote to the agent still sets {@code
 * httpGet.host}: the injector changes only port, path and scheme ({@code app_probe.go} {@code
 * rewriteHTTPGetAction}), so the kubelet sends the agent's request to that host instead of the pod,
 * and the probe checks something else or fails. Read from the running pods, where the rewritten
 * handler shows both the agent path and the host; probes Istio did not rewrite are not this rule's
 * concern (the kubelet calls the host the user asked for).
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
    List<RuleResult> results = new ArrayList<>();
    for (WorkloadView w : namespace.workloads()) {
      WorkloadResults.Named withHost = WorkloadResults.named(w, ProbeHostSetRule::withHost);
      List<PodView> affected = withHost.pods();
      if (!affected.isEmpty()) {
        String names = String.join(",", withHost.names());
        String message =
            String.format(
                "%s: container %s sets httpGet.host on a probe that Istio rewrites (%s affected);"
                    + " remove the host field so the agent probes the app on localhost",
                Subjects.describe(w.ref()), names, WorkloadResults.count(w, affected));
        results.add(
            RuleResult.of(
                INFO,
                w.ref(),
                message,
                WorkloadResults.details(w, affected, Map.of("containers", names))));
      }
    }
    return results;
  }

  /** The containers of an injected pod with a rewritten handler that keeps a host. */
  private static Set<String> withHost(PodView pod) {
    Set<String> out = new TreeSet<>();
    if (!pod.proxy().injected()) {
      return out;
    }
    for (Probes.Handler h : Probes.all(pod.facts().spec())) {
      String host = h.handler().host();
      if (h.rewritten() && host != null && !host.isEmpty()) {
        out.add(h.container().name());
      }
    }
    return out;
  }
}
