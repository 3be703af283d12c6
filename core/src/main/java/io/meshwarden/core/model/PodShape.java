package io.meshwarden.core.model;

import io.meshwarden.common.protocol.PodFacts;
import io.meshwarden.common.protocol.PodSpecFacts;
import io.meshwarden.common.protocol.WorkloadFacts;
import java.util.Map;

/**
 * What the injector sees of a pod at admission: its namespace, labels, annotations and spec. A
 * running pod and a workload's pod template both reduce to this.
 */
public record PodShape(
    String namespace,
    Map<String, String> labels,
    Map<String, String> annotations,
    PodSpecFacts spec) {

  public PodShape {
    labels = labels == null ? Map.of() : labels;
    annotations = annotations == null ? Map.of() : annotations;
    spec = spec == null ? new PodSpecFacts(null, null, false, null, null, null) : spec;
  }

  /** A running pod. */
  public static PodShape of(PodFacts pod) {
    return new PodShape(
        pod.meta().namespace(), pod.meta().labels(), pod.meta().annotations(), pod.spec());
  }

  /** A workload's pod template, in the workload's namespace; null when it has no template. */
  public static PodShape of(WorkloadFacts workload) {
    WorkloadFacts.PodTemplateFacts t = workload.template();
    if (t == null) {
      return null;
    }
    return new PodShape(workload.meta().namespace(), t.labels(), t.annotations(), t.spec());
  }

  public String label(String key) {
    return labels.get(key);
  }

  public String annotation(String key) {
    return annotations.get(key);
  }
}
