package io.meshwarden.alerting.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One finding as every receiver sees it: Alertmanager-style labels and annotations, and whether it
 * fires or has resolved. The {@link #fingerprint()} is the finding's own, so one identity follows a
 * finding through every receiver from firing to resolved.
 *
 * @param fingerprint the finding's fingerprint (32 hex digits)
 * @param labels identity and routing labels ({@code alertname}, {@code cluster}, ...), sorted
 * @param annotations {@code summary}, {@code description}, {@code runbook_url}, sorted
 * @param startsAt when the finding was first seen
 * @param endsAt when it resolved; null while it fires
 * @param generatorUrl a link back to where the finding is explained
 */
public record Alert(
    String fingerprint,
    Map<String, String> labels,
    Map<String, String> annotations,
    Status status,
    Instant startsAt,
    Instant endsAt,
    String generatorUrl) {

  /** Whether the alert fires. */
  public enum Status {
    FIRING,
    RESOLVED;

    /** {@code firing} or {@code resolved}, as Alertmanager spells it. */
    public String wire() {
      return this == FIRING ? "firing" : "resolved";
    }
  }

  public Alert {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startsAt, "startsAt");
    labels = sorted(labels);
    annotations = sorted(annotations);
    if (status == Status.RESOLVED && endsAt == null) {
      throw new IllegalArgumentException("a resolved alert needs endsAt");
    }
  }

  /** A label's value, or the empty string (as Alertmanager treats a missing label). */
  public String label(String name) {
    return labels.getOrDefault(name, "");
  }

  /** Whether it fires. */
  public boolean firing() {
    return status == Status.FIRING;
  }

  /** This alert, resolved at {@code at}. */
  public Alert resolvedAt(Instant at) {
    return new Alert(fingerprint, labels, annotations, Status.RESOLVED, startsAt, at, generatorUrl);
  }

  private static Map<String, String> sorted(Map<String, String> map) {
    return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
  }
}
