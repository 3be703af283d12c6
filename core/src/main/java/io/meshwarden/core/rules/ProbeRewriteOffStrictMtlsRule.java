package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.PeerAuthenticationFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.PodSpecFacts.PortFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ProbeFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MW0006: probe rewriting is off on injected pods whose HTTP or gRPC probes then meet STRICT mTLS:
 * the kubelet's plaintext probe is refused and the pod never turns ready. The mode is resolved per
 * pod and probe port as istiod does ({@link MeshView#mtlsMode}): a workload's own
 * PeerAuthentication (and its port-level modes) before its namespace's and the mesh-wide one.
 * Silent while the mode is unknown.
 */
public final class ProbeRewriteOffStrictMtlsRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0006", Severity.ERROR, null, "Probes not rewritten under STRICT mTLS");

  private static final Set<String> PLAINTEXT_PROBES = Set.of("httpGet", "grpc");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    if (!mesh.anyPeerAuthentication()) {
      return List.of();
    }
    List<RuleResult> results = new ArrayList<>();
    for (WorkloadView w : namespace.workloads()) {
      List<PodView> affected =
          w.podsWhere(
              p ->
                  p.proxy().injected()
                      && !p.proxy().probesRewritten()
                      && strictOnAPlaintextProbe(p, namespace.name(), mesh));
      if (!affected.isEmpty()) {
        String message =
            String.format(
                "%s: %s have HTTP/gRPC probes that are not rewritten while mTLS is STRICT, so the"
                    + " kubelet's probes are refused; remove annotation"
                    + " sidecar.istio.io/rewriteAppHTTPProbers=false (or enable"
                    + " rewriteAppHTTPProbe) and %s",
                Subjects.describe(w.ref()),
                WorkloadResults.count(w, affected),
                Subjects.restart(w.ref()));
        results.add(
            RuleResult.of(
                INFO,
                w.ref(),
                message,
                WorkloadResults.details(w, affected, Map.of("mtlsMode", "STRICT"))));
      }
    }
    return results;
  }

  /** Whether some HTTP or gRPC probe of an app container targets a port whose mode is STRICT. */
  private static boolean strictOnAPlaintextProbe(PodView pod, String namespace, MeshView mesh) {
    Map<String, String> labels = labels(pod);
    for (ContainerFacts c : Probes.appContainers(pod.facts().spec())) {
      for (ProbeFacts probe : Probes.probes(c).toList()) {
        if (PLAINTEXT_PROBES.contains(probe.type())
            && mesh.mtlsMode(namespace, labels, port(probe, c))
                .map(PeerAuthenticationFacts.STRICT::equalsIgnoreCase)
                .orElse(false)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The probe's port as a number: as written, or a named port of its container; else null. */
  private static Integer port(ProbeFacts probe, ContainerFacts container) {
    String port = probe.port();
    if (port == null || port.isEmpty()) {
      return null;
    }
    if (port.chars().allMatch(Character::isDigit)) {
      try {
        return Integer.valueOf(port);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return container.ports().stream()
        .filter(p -> port.equals(p.name()))
        .map(PortFacts::containerPort)
        .findFirst()
        .orElse(null);
  }

  private static Map<String, String> labels(PodView pod) {
    return pod.facts().meta().labels();
  }
}
