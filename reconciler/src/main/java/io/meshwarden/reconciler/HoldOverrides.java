package io.meshwarden.reconciler;

import io.meshwarden.common.config.ConfigType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Parses {@code reconciler.findings.for-overrides}: items {@code MW0001=10s}. */
final class HoldOverrides {

  private static final Pattern CODE = Pattern.compile("MW\\d{4}");

  private HoldOverrides() {}

  /** Throws {@link IllegalArgumentException} naming the first bad item. */
  static void check(List<String> items) {
    parse(items);
  }

  static Map<String, Duration> parse(List<String> items) {
    Map<String, Duration> out = new TreeMap<>();
    for (String item : items) {
      int eq = item.indexOf('=');
      String code = eq < 0 ? item : item.substring(0, eq).trim();
      if (eq < 0 || !CODE.matcher(code).matches()) {
        throw new IllegalArgumentException(
            "expected CODE=duration such as MW0001=10s, got '" + item + "'");
      }
      try {
        out.put(code, ConfigType.DURATION.parse(item.substring(eq + 1).trim()));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("'" + item + "': " + ConfigType.DURATION.expected(), e);
      }
    }
    return out;
  }
}
