package io.meshwarden.core.lifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How long conditions must hold and resolved findings stay.
 *
 * @param holdFor how long a condition must hold before its finding opens (Prometheus' {@code for})
 * @param holdOverrides per rule code, replacing {@code holdFor}
 * @param retention how long a resolved finding stays before it is tombstoned
 */
public record LifecycleSettings(
    Duration holdFor, Map<String, Duration> holdOverrides, Duration retention) {

  /** The defaults: 30 s hold, resolved findings kept an hour. */
  public static final LifecycleSettings DEFAULTS =
      new LifecycleSettings(Duration.ofSeconds(30), Map.of(), Duration.ofHours(1));

  public LifecycleSettings {
    Objects.requireNonNull(holdFor, "holdFor");
    Objects.requireNonNull(retention, "retention");
    holdOverrides = Map.copyOf(holdOverrides);
    if (holdFor.isNegative() || retention.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /** The hold of rule {@code code}. */
  public Duration holdOf(String code) {
    return holdOverrides.getOrDefault(code, holdFor);
  }
}
