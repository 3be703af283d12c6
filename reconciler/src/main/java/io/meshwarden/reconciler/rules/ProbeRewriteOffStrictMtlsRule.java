package io.meshwarden.reconciler.rules;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.reconciler.model.MeshView;
import io.meshwarden.reconciler.model.NamespaceView;
import io.meshwarden.reconciler.model.PodView;
import io.meshwarden.reconciler.model.WorkloadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MW0006: probe rewriting is off on injected pods whose HTTP or gRPC probes then meet STRICT mTLS:
 * the kubelet's plaintext probe is refused and the pod never turns ready. Silent while the mTLS
 * mode is unknown.
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
    if (!mesh.strictMtls(namespace.name()).orElse(false)) {
      return List.of();
    }
    List<RuleResult> results = new ArrayList<>();
    for (WorkloadView w : namespace.workloads()) {
      List<PodView> affected =
          w.podsWhere(
              p ->
                  p.proxy().injected()
                      && !p.proxy().probesRewritten()
                      && Probes.anyProbe(p.facts().spec(), PLAINTEXT_PROBES));
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
}
