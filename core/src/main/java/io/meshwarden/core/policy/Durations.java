package io.meshwarden.core.policy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as Kubernetes users write them: {@code 90s}, {@code 5m}, {@code 1h30m}, or ISO.
 */
public final class Durations {

  private static final Pattern GO = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when it is neither form, or negative
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("duration is empty");
    }
    String s = text.trim();
    if (s.startsWith("P") || s.startsWith("p")) {
      return Duration.parse(s);
    }
    Matcher m = GO.matcher(s);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
      end = m.end();
    }
    if (end != s.length() || end == 0) {
      throw new IllegalArgumentException("'" + text + "' is not a duration like 30s, 5m or 1h30m");
    }
    return total;
  }
}
