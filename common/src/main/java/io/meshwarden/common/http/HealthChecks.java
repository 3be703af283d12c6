package io.meshwarden.common.http;

import io.meshwarden.common.config.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The liveness and readiness checks of one process. Components add their checks as they are wired
 * (safe from any thread); the ops server runs them per request. Reasons pass through a redactor,
 * are cut to one line of at most {@value #MAX_REASON} characters, and a check that throws is down
 * with its exception's type and message.
 */
public final class HealthChecks {

  /** The probes. */
  public enum Probe {
    /** {@code /healthz}: is the process alive, or should Kubernetes restart it. */
    LIVENESS("healthz"),
    /** {@code /readyz}: can the process do its work now. */
    READINESS("readyz");

    private final String path;

    Probe(String path) {
      this.path = path;
    }

    /** The probe's path segment and name. */
    public String path() {
      return path;
    }
  }

  static final int MAX_REASON = 200;

  private final UnaryOperator<String> redactor;
  private final List<HealthCheck> liveness = new CopyOnWriteArrayList<>();
  private final List<HealthCheck> readiness = new CopyOnWriteArrayList<>();

  /**
   * @param redactor masks secrets in reasons; pass {@code config.redactor()}
   */
  public HealthChecks(UnaryOperator<String> redactor) {
    this.redactor = Objects.requireNonNull(redactor, "redactor");
  }

  /** Checks whose reasons are only masked by pattern ({@code password=...}). */
  public HealthChecks() {
    this(Redactor.patternsOnly());
  }

  /** Adds a liveness check; returns this. */
  public HealthChecks addLiveness(HealthCheck check) {
    add(liveness, check);
    return this;
  }

  /** Adds a readiness check; returns this. */
  public HealthChecks addReadiness(HealthCheck check) {
    add(readiness, check);
    return this;
  }

  /** Runs one probe's checks now. */
  public HealthReport run(Probe probe) {
    List<HealthCheck> checks = probe == Probe.LIVENESS ? liveness : readiness;
    List<HealthReport.Outcome> outcomes = new ArrayList<>();
    for (HealthCheck check : checks) {
      outcomes.add(outcome(check));
    }
    return new HealthReport(probe.path(), outcomes);
  }

  private HealthReport.Outcome outcome(HealthCheck check) {
    try {
      HealthCheck.Result result = check.check();
      if (result == null) {
        return new HealthReport.Outcome(check.name(), false, "check returned no result");
      }
      return new HealthReport.Outcome(check.name(), result.healthy(), safe(result.reason()));
    } catch (Exception e) {
      String message = e.getMessage() == null ? "" : ": " + e.getMessage();
      return new HealthReport.Outcome(
          check.name(), false, safe("threw " + e.getClass().getSimpleName() + message));
    }
  }

  private String safe(String reason) {
    String oneLine = redactor.apply(reason).replaceAll("[\\r\\n\\t]+", " ").strip();
    return oneLine.length() <= MAX_REASON ? oneLine : oneLine.substring(0, MAX_REASON) + "...";
  }

  private static void add(List<HealthCheck> checks, HealthCheck check) {
    Objects.requireNonNull(check, "check");
    synchronized (checks) {
      if (checks.stream().anyMatch(c -> c.name().equals(check.name()))) {
        throw new IllegalArgumentException("health check " + check.name() + " added twice");
      }
      checks.add(check);
    }
  }
}
