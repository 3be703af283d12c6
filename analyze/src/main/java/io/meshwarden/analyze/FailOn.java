package io.meshwarden.analyze;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.rules.RuleResult;
import java.util.List;

/** The lowest severity that makes {@code analyze} exit 1. */
public enum FailOn {
  info(Severity.INFO),
  warning(Severity.WARNING),
  error(Severity.ERROR);

  private final Severity threshold;

  FailOn(Severity threshold) {
    this.threshold = threshold;
  }

  /** Whether any result is at or above the threshold (CRITICAL is above ERROR). */
  public boolean failsOn(List<RuleResult> results) {
    return results.stream().anyMatch(r -> r.severity().compareTo(threshold) <= 0);
  }
}
