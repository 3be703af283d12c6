package io.meshwarden.core.remediation;

import java.util.Map;

/**
 * Where one live pod of a workload stands in a rollout: what the executor needs to tell whether a
 * restart has settled. Whether the pod drifts is not judged here: the rule that raised the finding
 * judges that, over the pod as the watcher's projector sees it.
 *
 * @param active not finished and not being deleted
 * @param annotations the pod's annotations (the restart marks live there)
 */
public record PodRollout(
    String name, boolean active, boolean ready, Map<String, String> annotations) {

  public PodRollout {
    annotations = Map.copyOf(annotations);
  }

  /** The remediation that created this pod's template, or null. */
  public String remediationId() {
    return annotations.get(Annotations.REMEDIATION_ID);
  }
}
