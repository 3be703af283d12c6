package io.meshwarden.core.remediation;

import io.meshwarden.common.protocol.ObjectRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One workload's rollout as the API server shows it now, with its pods, its namespace and the
 * budgets that cover it: what the guards decide on besides drift. Never taken from a cache. It
 * holds no drift model: whether the workload still drifts is the rule's verdict over the projected
 * live objects ({@link Recheck}).
 *
 * @param resourceVersion the version observed: the restart patch is conditional on it
 * @param desired how many pods the workload wants (DaemonSets: scheduled nodes)
 * @param templateAnnotations {@code spec.template.metadata.annotations}
 * @param disruptionsAllowed the smallest {@code disruptionsAllowed} of the PodDisruptionBudgets
 *     that select its pods, or null when none does
 */
public record RolloutState(
    ObjectRef ref,
    String resourceVersion,
    Map<String, String> labels,
    Map<String, String> annotations,
    Map<String, String> templateAnnotations,
    int desired,
    List<PodRollout> pods,
    Map<String, String> namespaceLabels,
    Map<String, String> namespaceAnnotations,
    Integer disruptionsAllowed,
    boolean statusSettled) {

  public RolloutState {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    templateAnnotations = Map.copyOf(templateAnnotations);
    pods = List.copyOf(pods);
    namespaceLabels = Map.copyOf(namespaceLabels);
    namespaceAnnotations = Map.copyOf(namespaceAnnotations);
  }

  public List<PodRollout> activePods() {
    return pods.stream().filter(PodRollout::active).toList();
  }

  /** The remediation id on the template now, or null. */
  public String templateRemediationId() {
    return templateAnnotations.get(Annotations.REMEDIATION_ID);
  }

  /** When the template was last restarted, or null. */
  public Instant restartedAt() {
    String at = templateAnnotations.get(Annotations.RESTARTED_AT);
    try {
      return at == null ? null : Instant.parse(at);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Whether the pods are settled on the current template: as many active pods as desired, all
   * ready, all created from a template with the same remediation id (or restart time).
   */
  public boolean settledOn(String remediationId, String restartedAt) {
    List<PodRollout> active = activePods();
    if (active.size() != desired) {
      return false;
    }
    for (PodRollout p : active) {
      if (!p.ready()) {
        return false;
      }
      String podId = p.remediationId();
      String podAt = p.annotations().get(Annotations.RESTARTED_AT);
      if (!java.util.Objects.equals(podId, remediationId)
          || !java.util.Objects.equals(podAt, restartedAt)) {
        return false;
      }
    }
    return true;
  }
}
