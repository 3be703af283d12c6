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
 * MW0004 (IST0158): the running proxy image differs from the image its revision injects today, as
 * after an in-place upgrade. The revision is the one that injected the pod, else the one its labels
 * select, so tag-labelled namespaces are covered.
 */
public final class ProxyImageDriftRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0004", Severity.WARNING, "IST0158", "Proxy image drift");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<RuleResult> results = new ArrayList<>();
    for (WorkloadView w : namespace.workloads()) {
      List<PodView> affected = new ArrayList<>();
      String expected = null;
      for (PodView pod : w.pods()) {
        Optional<String> want = expectedImage(pod, mesh);
        String image = pod.proxy().image();
        if (want.isPresent()
            && image != null
            && !"auto".equals(image)
            && !image.equals(want.get())) {
          affected.add(pod);
          expected = want.get();
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
                    w, affected, Map.of("actualImage", actual, "expectedImage", expected))));
      }
    }
    return results;
  }

  private static Optional<String> expectedImage(PodView pod, MeshView mesh) {
    if (!pod.proxy().injected()) {
      return Optional.empty();
    }
    String revision = pod.proxy().revision();
    if (revision == null) {
      revision = InjectionModel.verdict(pod.shape(), mesh).revision();
    }
    return revision == null
        ? Optional.empty()
        : ProxyImages.expected(revision, pod.shape().annotations(), mesh);
  }
}
