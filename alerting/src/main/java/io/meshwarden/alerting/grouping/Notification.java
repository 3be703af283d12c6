package io.meshwarden.alerting.grouping;

import io.meshwarden.alerting.model.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one receiver is told about one group at one time. The {@link #id()} is fixed before the
 * first attempt and kept through retries, restarts and dead-letter replays, so a receiver can drop
 * a delivery it has already seen ({@code webhook-id} of Standard Webhooks).
 *
 * @param id unique per notification, stable across its retries
 * @param receiver the receiver's name
 * @param groupKey the group's key ({@link GroupKey#toString()})
 * @param groupHash the group's hash ({@link GroupKey#hash()})
 * @param groupLabels the values of the route's {@code group_by} labels
 * @param alerts firing alerts first, then resolved ones, each ordered by fingerprint
 * @param createdAt when the notification was made
 */
public record Notification(
    String id,
    String receiver,
    String groupKey,
    String groupHash,
    Map<String, String> groupLabels,
    List<Alert> alerts,
    Instant createdAt) {

  public Notification {
    groupLabels = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(groupLabels));
    alerts = List.copyOf(alerts);
  }

  /** {@code firing} when any alert fires, else {@code resolved}. */
  public Alert.Status status() {
    return alerts.stream().anyMatch(Alert::firing) ? Alert.Status.FIRING : Alert.Status.RESOLVED;
  }

  /** The firing alerts. */
  public List<Alert> firing() {
    return alerts.stream().filter(Alert::firing).toList();
  }

  /** The resolved alerts. */
  public List<Alert> resolved() {
    return alerts.stream().filter(a -> !a.firing()).toList();
  }

  /** Labels every alert shares. */
  public Map<String, String> commonLabels() {
    return common(alerts.stream().map(Alert::labels).toList());
  }

  /** Annotations every alert shares. */
  public Map<String, String> commonAnnotations() {
    return common(alerts.stream().map(Alert::annotations).toList());
  }

  private static Map<String, String> common(List<Map<String, String>> maps) {
    if (maps.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new java.util.TreeMap<>(maps.get(0));
    maps.forEach(m -> out.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey()))));
    return out;
  }
}
