package io.meshwarden.common.protocol;

/** What a remediation does to a workload. */
public enum RemediationAction {
  /** Patch the pod template's restartedAt annotation, as {@code kubectl rollout restart} does. */
  ROLLING_RESTART,
  /** Delete a bare pod that no controller will recreate differently (only when allowed). */
  DELETE_POD
}
