package io.meshwarden.alerting.routing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a route groups alerts and how often it notifies.
 *
 * @param groupBy the labels that make a group; {@code ["..."]} groups by every label (each alert
 *     its own group); empty puts all alerts of the route into one group
 * @param groupWait how long a new group waits for more alerts before its first notification
 * @param groupInterval how long a group waits between notifications about changes
 * @param repeatInterval how long before a group that has not changed is notified again
 */
public record GroupSettings(
    List<String> groupBy, Duration groupWait, Duration groupInterval, Duration repeatInterval) {

  /** Group by every label. */
  public static final String ALL = "...";

  public GroupSettings {
    groupBy = List.copyOf(groupBy);
    Objects.requireNonNull(groupWait, "groupWait");
    Objects.requireNonNull(groupInterval, "groupInterval");
    Objects.requireNonNull(repeatInterval, "repeatInterval");
  }

  /** Alertmanager's defaults: by alertname, 30 s wait, 5 m interval, 4 h repeat. */
  public static GroupSettings defaults() {
    return new GroupSettings(
        List.of("alertname"), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4));
  }

  /** Whether each alert forms its own group. */
  public boolean byAll() {
    return groupBy.contains(ALL);
  }
}
