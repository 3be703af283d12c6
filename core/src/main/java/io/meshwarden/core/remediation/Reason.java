package io.meshwarden.core.remediation;

/**
 * Why a remediation ended as it did: the machine-readable {@code reason} of a {@code
 * RemediationRecord}, and the Kubernetes Event's reason.
 */
public enum Reason {
  RESOLVED("resolved", "DriftResolved"),
  NOT_FOUND("not-found", "WorkloadNotFound"),
  NOT_REMEDIABLE("not-remediable", "NotRemediable"),
  NO_POLICY("no-policy", "NoPolicy"),
  AUDIT_MODE("audit-mode", "AuditMode"),
  OPTED_OUT("opted-out", "OptedOut"),
  EXCLUDED("excluded", "Excluded"),
  MANUAL_ACTION_REQUIRED("manual-action-required", "ManualActionRequired"),
  CIRCUIT_OPEN("circuit-open", "CircuitOpen"),
  CAMPAIGN_HALTED("campaign-halted", "CampaignHalted"),
  WINDOW_CLOSED("window-closed", "MaintenanceWindowClosed"),
  COOLDOWN("cooldown", "Cooldown"),
  ROLLOUT_IN_PROGRESS("rollout-in-progress", "RolloutInProgress"),
  PDB_BLOCKS("pdb-allows-no-disruption", "DisruptionBudgetExhausted"),
  INJECTOR_UNHEALTHY("injector-unhealthy", "InjectorUnhealthy"),
  DRY_RUN("dry-run", "DryRun"),
  RESTARTED("restarted", "RestartStarted"),
  VERIFIED("verified", "RemediationSucceeded"),
  DRIFT_REMAINS("drift-remains", "DriftRemains"),
  ROLLOUT_TIMEOUT("rollout-timeout", "RolloutTimedOut"),
  PATCH_FAILED("patch-failed", "PatchFailed");

  private final String code;
  private final String eventReason;

  Reason(String code, String eventReason) {
    this.code = code;
    this.eventReason = eventReason;
  }

  /** The kebab-case value written to {@code RemediationRecord.reason}. */
  public String code() {
    return code;
  }

  /** The UpperCamelCase reason of the Kubernetes Event. */
  public String eventReason() {
    return eventReason;
  }
}
