package io.meshwarden.common.protocol;

import java.util.Map;

/**
 * A Deployment, StatefulSet, DaemonSet, ReplicaSet or Job.
 *
 * @param owner the controlling owner (a ReplicaSet's Deployment, a Job's CronJob), if any
 * @param selector the pod selector
 * @param template the pod template: filtered labels and annotations and the spec
 * @param replicas desired replicas (null for DaemonSets and Jobs)
 * @param generation metadata.generation
 * @param status the rollout status
 */
public record WorkloadFacts(
    String schema,
    FactKind kind,
    FactMeta meta,
    OwnerRef owner,
    LabelSelector selector,
    PodTemplateFacts template,
    Integer replicas,
    Long generation,
    RolloutStatus status)
    implements ObjectFacts {

  public WorkloadFacts {
    schema = Facts.schema(schema);
    meta = Facts.meta(meta);
    if (kind == null || !kind.isWorkload()) {
      throw new IllegalArgumentException("not a workload kind: " + kind);
    }
  }

  @Override
  public WorkloadFacts withMeta(FactMeta m) {
    return new WorkloadFacts(
        schema, kind, m, owner, selector, template, replicas, generation, status);
  }

  /** A pod template. */
  public record PodTemplateFacts(
      Map<String, String> labels, Map<String, String> annotations, PodSpecFacts spec) {
    public PodTemplateFacts {
      labels = Facts.map(labels);
      annotations = Facts.map(annotations);
    }
  }

  /** Replica counts as the workload controller reports them. */
  public record RolloutStatus(
      Long observedGeneration,
      Integer replicas,
      Integer readyReplicas,
      Integer updatedReplicas,
      Integer availableReplicas) {}
}
