package io.meshwarden.core.remediation;

import io.meshwarden.common.protocol.Severity;

/**
 * Findings the executor itself opens (codes {@code MW009x}, one page each under docs/rules, kept in
 * step by ExecutorFindingDocsTest): they say why remediation did not happen or stopped.
 */
public enum ExecutorFinding {
  /** The injector of the target revision is not healthy; restarts are withheld. */
  INJECTOR_UNHEALTHY("MW0090", Severity.ERROR),
  /** A canary failed and its campaign halted. */
  CAMPAIGN_HALTED("MW0091", Severity.ERROR),
  /** Too many remediations failed; remediation paused for the cluster. */
  CIRCUIT_OPEN("MW0092", Severity.CRITICAL),
  /** A bare pod or a Job drifts; meshwarden never restarts those. */
  MANUAL_ACTION_REQUIRED("MW0093", Severity.WARNING);

  private final String code;
  private final Severity severity;

  ExecutorFinding(String code, Severity severity) {
    this.code = code;
    this.severity = severity;
  }

  public String code() {
    return code;
  }

  public Severity severity() {
    return severity;
  }
}
