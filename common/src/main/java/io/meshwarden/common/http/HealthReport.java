package io.meshwarden.common.http;

import java.util.List;

/**
 * The outcome of one probe's checks, rendered like Kubernetes' verbose {@code /readyz}: one {@code
 * [+]name ok} or {@code [-]name failed: reason} line per check, then a summary line.
 *
 * @param probe the probe's name, such as {@code readyz}
 * @param outcomes one per check, in registration order
 */
public record HealthReport(String probe, List<Outcome> outcomes) {

  /**
   * One check's outcome.
   *
   * @param name the check
   * @param up whether it passed
   * @param reason why it failed, already made safe to show
   */
  public record Outcome(String name, boolean up, String reason) {}

  public HealthReport {
    outcomes = List.copyOf(outcomes);
  }

  /** Whether every check passed (true when there are none). */
  public boolean passed() {
    return outcomes.stream().allMatch(Outcome::up);
  }

  /** The names of the failing checks. */
  public List<String> failing() {
    return outcomes.stream().filter(o -> !o.up()).map(Outcome::name).toList();
  }

  /** The plain-text body of the probe response. */
  public String render() {
    StringBuilder out = new StringBuilder();
    for (Outcome o : outcomes) {
      if (o.up()) {
        out.append("[+]").append(o.name()).append(" ok\n");
      } else {
        out.append("[-]").append(o.name()).append(" failed: ").append(o.reason()).append('\n');
      }
    }
    return out.append(probe).append(passed() ? " check passed\n" : " check failed\n").toString();
  }
}
