package io.meshwarden.alerting.receiver;

import io.meshwarden.alerting.grouping.Notification;
import io.meshwarden.alerting.model.Alert;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What templates can use: {@code status} (FIRING:n or RESOLVED), {@code title} (the group's
 * labels), {@code receiver}, {@code alerts} (each with {@code firing}, {@code status}, {@code
 * fingerprint}, {@code severity}, {@code summary}, {@code description}, {@code cluster}, {@code
 * namespace}, {@code kind}, {@code name}, {@code code}, {@code runbookUrl}, {@code startsAt},
 * {@code labels} as name/value pairs), {@code first} (the first alert), {@code more} (alerts left
 * out).
 */
final class MessageScope {

  private MessageScope() {}

  static Map<String, Object> of(Notification n, int maxAlerts) {
    Map<String, Object> scope = new HashMap<>();
    int firing = n.firing().size();
    scope.put("status", firing > 0 ? "FIRING:" + firing : "RESOLVED");
    scope.put("title", title(n));
    scope.put("receiver", n.receiver());
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (Alert a : n.alerts()) {
      if (alerts.size() == maxAlerts) {
        break;
      }
      alerts.add(alert(a));
    }
    scope.put("alerts", alerts);
    scope.put("first", alerts.isEmpty() ? null : alerts.get(0));
    int more = n.alerts().size() - alerts.size();
    scope.put("more", more > 0 ? Integer.toString(more) : null);
    return scope;
  }

  static String title(Notification n) {
    return n.groupLabels().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  private static Map<String, Object> alert(Alert a) {
    Map<String, Object> m = new HashMap<>();
    m.put("firing", a.firing());
    m.put("status", a.status().wire());
    m.put("fingerprint", a.fingerprint());
    for (String label : List.of("severity", "cluster", "namespace", "kind", "name", "code")) {
      m.put(label, a.label(label));
    }
    m.put("summary", a.annotations().getOrDefault("summary", ""));
    m.put("description", a.annotations().getOrDefault("description", ""));
    m.put("runbookUrl", a.annotations().getOrDefault("runbook_url", ""));
    m.put("startsAt", Json.time(a.startsAt()));
    m.put(
        "labels",
        a.labels().entrySet().stream()
            .map(e -> Map.of("name", e.getKey(), "value", e.getValue()))
            .toList());
    return m;
  }
}
