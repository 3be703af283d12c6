package io.meshwarden.alerting.grouping;

import io.meshwarden.alerting.model.Alert;
import io.meshwarden.alerting.routing.GroupSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Identity of one group: the receiver, the route that chose it, and the values of the route's
 * {@code group_by} labels.
 */
public record GroupKey(String receiver, String routeId, Map<String, String> labels) {

  public GroupKey {
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  /** The key of the group {@code alert} joins on a route with these settings. */
  public static GroupKey of(String receiver, String routeId, GroupSettings group, Alert alert) {
    Map<String, String> values = new TreeMap<>();
    if (group.byAll()) {
      values.putAll(alert.labels());
    } else {
      group.groupBy().forEach(name -> values.put(name, alert.label(name)));
    }
    return new GroupKey(receiver, routeId, values);
  }

  /** {@code receiver/route:{a="x",b="y"}}, like Alertmanager's group keys. */
  @Override
  public String toString() {
    return receiver
        + "/"
        + routeId
        + ":{"
        + labels.entrySet().stream()
            .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
            .collect(Collectors.joining(","))
        + "}";
  }

  /** 128 bits of SHA-256 of {@link #toString()}, in hex: for keys and ids. */
  public String hash() {
    return sha256Hex(toString());
  }

  static String sha256Hex(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
