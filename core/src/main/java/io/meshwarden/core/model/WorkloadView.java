package io.meshwarden.core.model;

import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.WorkloadFacts;
import java.util.List;
import java.util.function.Predicate;

/**
 * One workload (Deployment, StatefulSet, DaemonSet, Job, an unowned ReplicaSet, or a bare pod) and
 * its live pods: the unit findings are reported on.
 *
 * @param ref the workload; for a bare pod, the pod itself
 * @param facts the workload's facts, null when absent from the input (pods still name it)
 * @param pods the workload's pods that are not finished (phase neither Succeeded nor Failed)
 */
public record WorkloadView(ObjectRef ref, WorkloadFacts facts, List<PodView> pods) {

  public WorkloadView {
    pods = List.copyOf(pods);
  }

  /** The pod template of the workload, or of its first pod when the workload fact is absent. */
  public PodShape template() {
    if (facts != null && facts.template() != null) {
      return PodShape.of(facts);
    }
    return pods.isEmpty() ? null : pods.get(0).shape();
  }

  /** The pods that satisfy {@code test}. */
  public List<PodView> podsWhere(Predicate<PodView> test) {
    return pods.stream().filter(test).toList();
  }
}
