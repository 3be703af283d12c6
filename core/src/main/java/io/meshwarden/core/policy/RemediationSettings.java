package io.meshwarden.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a policy lets meshwarden restart workloads.
 *
 * @param maxConcurrent rollouts in progress at once, cluster-wide
 * @param maxConcurrentPerNamespace rollouts in progress at once in one namespace
 * @param canary restart one workload first and verify it before widening
 * @param waveSize after the canary, how many workloads one wave restarts
 * @param minWaveInterval least time between the starts of two waves
 * @param cooldown least time between two restarts of one workload
 * @param windows when restarts may start; empty means always
 * @param excludeWorkloads {@code <namespace>/<name>} or {@code <name>} patterns ({@code *} globs)
 */
public record RemediationSettings(
    int maxConcurrent,
    int maxConcurrentPerNamespace,
    boolean canary,
    int waveSize,
    Duration minWaveInterval,
    Duration cooldown,
    List<MaintenanceWindow> windows,
    List<String> excludeWorkloads) {

  /** Defaults: one at a time, no canary, ten minutes of cooldown, always open. */
  public static final RemediationSettings DEFAULTS =
      new RemediationSettings(
          1, 1, false, 1, Duration.ZERO, Duration.ofMinutes(10), List.of(), List.of());

  public RemediationSettings {
    windows = List.copyOf(windows);
    excludeWorkloads = List.copyOf(excludeWorkloads);
  }

  /** Whether a window is open at {@code now} (always, when there are none). */
  public boolean windowOpen(Instant now) {
    return windows.isEmpty() || windows.stream().anyMatch(w -> w.isOpen(now));
  }

  /** Whether {@code namespace/name} matches an exclusion pattern. */
  public boolean excludes(String namespace, String name) {
    for (String pattern : excludeWorkloads) {
      String subject = pattern.contains("/") ? namespace + "/" + name : name;
      if (glob(pattern).matcher(subject).matches()) {
        return true;
      }
    }
    return false;
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }
}
