package io.meshwarden.core.rules;

/**
 * What corrects a rule's findings without a person, as its catalogue entry ({@link RuleInfo})
 * states it. The reconciler asks for a remediation only for a rule whose remedy restarts, and the
 * executor re-evaluates that same rule on live state before and after it acts.
 */
public enum Remedy {
  /** Nothing automatic: a person changes configuration. */
  NONE(false, false),
  /**
   * A rolling restart of the owning workload; the new pods are injected, so the injector of the
   * expected revision must be able to inject before the restart starts.
   */
  RESTART_WORKLOAD(true, true),
  /** A rolling restart of the owning workload so that its new pods come up without a sidecar. */
  RESTART_WORKLOAD_WITHOUT_SIDECAR(true, false);

  private final boolean restarts;
  private final boolean needsInjector;

  Remedy(boolean restarts, boolean needsInjector) {
    this.restarts = restarts;
    this.needsInjector = needsInjector;
  }

  /** Whether the remedy is a rolling restart of the workload the finding is about. */
  public boolean restarts() {
    return restarts;
  }

  /** Whether the pods the remedy creates depend on the injector (so its health is a guard). */
  public boolean needsInjector() {
    return needsInjector;
  }
}
