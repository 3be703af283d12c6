package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.PeerAuthenticationFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * MW0006: an injected pod has an HTTP or gRPC probe (or, from Istio 1.25, an httpGet lifecycle
 * hook) that was not rewritten to the agent, on a port the proxy captures, while mTLS is STRICT
 * there: the kubelet's plaintext request is refused and the pod never turns ready. Probes and hooks
 * are those Istio's rewriting covers (containers and init containers, {@link Probes}); a port the
 * pod excludes from capture ({@link InboundCapture}) is reached directly and is fine. The mode is
 * resolved per pod and port as istiod does ({@link MeshView#mtlsMode}). Silent while the mode is
 * unknown.
 */
public final class ProbeRewriteOffStrictMtlsRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0006", Severity.ERROR, null, "Probes not rewritten under STRICT mTLS");

  private static final Set<String> PLAINTEXT = Set.of("httpGet", "grpc");

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
      Map<PodView, List<Probes.Handler>> broken = new LinkedHashMap<>();
      for (PodView p : w.pods()) {
        List<Probes.Handler> refused = refused(p, namespace.name(), mesh);
        if (!refused.isEmpty()) {
          broken.put(p, refused);
        }
      }
      if (!broken.isEmpty()) {
        results.add(result(w, broken, mesh));
      }
    }
    return results;
  }

  private static RuleResult result(
      WorkloadView w, Map<PodView, List<Probes.Handler>> broken, MeshView mesh) {
    List<PodView> affected = List.copyOf(broken.keySet());
    Set<String> probes = new TreeSet<>();
    broken.values().forEach(l -> l.forEach(h -> probes.add(h.describe())));
    PodView first = affected.get(0);
    ProbeRewriting.Switch rewrite =
        ProbeRewriting.of(first.facts().meta().annotations(), mesh, first.proxy().revision());
    String fix;
    if (rewrite.on()) {
      fix = "rewriting is on, so they were added after injection; " + Subjects.restart(w.ref());
    } else if (rewrite.source() == ProbeRewriting.Source.ANNOTATION) {
      fix =
          "remove annotation "
              + ProbeRewriting.ANNOTATION
              + "=false (or exclude the port from capture) and "
              + Subjects.restart(w.ref());
    } else {
      fix =
          "set sidecarInjectorWebhook.rewriteAppHTTPProbe=true (or annotation "
              + ProbeRewriting.ANNOTATION
              + "=true) and "
              + Subjects.restart(w.ref());
    }
    String message =
        String.format(
            "%s: %s have HTTP/gRPC probes (%s) that are not rewritten to the agent, on captured"
                + " ports where mTLS is STRICT, so the kubelet's requests are refused; %s",
            Subjects.describe(w.ref()),
            WorkloadResults.count(w, affected),
            String.join(",", probes),
            fix);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("mtlsMode", "STRICT");
    details.put("probes", String.join(",", probes));
    details.put("probeRewriting", rewrite.on() ? "on" : "off");
    details.put("probeRewritingSource", rewrite.source().name());
    return RuleResult.of(INFO, w.ref(), message, WorkloadResults.details(w, affected, details));
  }

  /** The pod's HTTP/gRPC probes and hooks that STRICT mTLS refuses. */
  private static List<Probes.Handler> refused(PodView pod, String namespace, MeshView mesh) {
    if (!pod.proxy().injected()) {
      return List.of();
    }
    InboundCapture capture = InboundCapture.of(pod.facts().meta().annotations());
    List<Probes.Handler> out = new ArrayList<>();
    for (Probes.Handler h :
        Probes.inRewriteScope(
            pod.facts().spec(), ProbeRewriting.version(mesh, pod.proxy().revision()))) {
      Integer port = h.port();
      if (PLAINTEXT.contains(h.type())
          && !h.rewritten()
          && port != null
          && capture.captures(port)
          && mesh.mtlsMode(namespace, labels(pod), port)
              .map(PeerAuthenticationFacts.STRICT::equalsIgnoreCase)
              .orElse(false)) {
        out.add(h);
      }
    }
    return out;
  }

  private static Map<String, String> labels(PodView pod) {
    return pod.facts().meta().labels();
  }
}
