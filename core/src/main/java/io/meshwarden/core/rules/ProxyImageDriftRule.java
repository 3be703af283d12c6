package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.InjectionModel;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import io.meshwarden.core.model.ProxyImages;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MW0004: the running proxy image differs from the image its revision injects today, as after an
 * in-place upgrade. The revision is the one that injected the pod, else the one its labels select,
 * so tag-labelled namespaces are covered; the expected image follows the injector's own rules
 * ({@link ProxyImages}: image annotations, variant, ProxyConfig image types, tag suffixes), so a
 * restart is asked only when a new pod would really get another image. Per workload, and judged
 * differently from istioctl's IST0158 (reproduced by {@link PodsProxyImageMismatchRule}), so it
 * claims no Istio code.
 */
public final class ProxyImageDriftRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0004", Severity.WARNING, null, "Proxy image drift", Remedy.RESTART_WORKLOAD);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public Optional<String> expectedRevision(Map<String, String> details) {
    return WorkloadResults.expectedRevision(details);
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<RuleResult> results = new ArrayList<>();
    for (WorkloadView w : namespace.workloads()) {
      List<PodView> affected = new ArrayList<>();
      String expected = null;
      String revision = null;
      for (PodView pod : w.pods()) {
        String rev = revisionOf(pod, mesh);
        Optional<String> want =
            rev == null
                ? Optional.empty()
                : ProxyImages.expected(rev, pod.shape(), mesh, mesh.semantics(rev));
        String image = pod.proxy().image();
        if (want.isPresent()
            && image != null
            && !"auto".equals(image)
            && !image.equals(want.get())) {
          affected.add(pod);
          expected = want.get();
          revision = rev;
        }
      }
      if (!affected.isEmpty()) {
        String actual =
            WorkloadResults.joined(affected.stream().map(p -> p.proxy().image()).toList());
        String message =
            String.format(
                "%s: %s run proxy image %s but their revision injects %s today; %s to pick it up",
                Subjects.describe(w.ref()),
                WorkloadResults.count(w, affected),
                actual,
                expected,
                Subjects.restart(w.ref()));
        results.add(
            RuleResult.of(
                INFO,
                w.ref(),
                message,
                WorkloadResults.details(
                    w,
                    affected,
                    Map.of(
                        "actualImage",
                        actual,
                        "expectedImage",
                        expected,
                        WorkloadResults.EXPECTED_REVISION,
                        revision))));
      }
    }
    return results;
  }

  /** The revision whose image an injected pod should run: its injector's, else what it selects. */
  private static String revisionOf(PodView pod, MeshView mesh) {
    if (!pod.proxy().injected()) {
      return null;
    }
    String revision = pod.proxy().revision();
    return revision != null ? revision : InjectionModel.verdict(pod.shape(), mesh).revision();
  }
}
