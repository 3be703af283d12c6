package io.meshwarden.common.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of durations, for configuration keys, policies and routing files alike (syntax in
 * docs/configuration.md): one or more {@code <whole number><unit>} terms with units {@code ms},
 * {@code s}, {@code m}, {@code h} and {@code d}, added up ({@code 90s}, {@code 1h30m}), or ISO-8601
 * ({@code PT30S}, {@code P1D}, either case). Surrounding blanks are ignored. A bare number has no
 * unit and is refused, as are negative durations and anything else.
 */
public final class Durations {

  /** What a valid duration looks like, to complete "expected ..." in a message. */
  public static final String EXPECTED = "a duration such as 250ms, 30s, 5m, 1h30m, 2d or PT30S";

  private static final Pattern TERM = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when it is empty, neither form, negative or too long to hold
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("duration is empty; expected " + EXPECTED);
    }
    String s = text.strip();
    Duration d;
    try {
      d = s.charAt(0) == 'P' || s.charAt(0) == 'p' ? Duration.parse(s) : terms(s);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw notADuration(text);
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException("'" + text + "' is negative; expected " + EXPECTED);
    }
    return d;
  }

  private static Duration terms(String s) {
    Matcher m = TERM.matcher(s);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw new ArithmeticException("overflow");
      }
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
    if (end == 0 || end != s.length()) {
      throw notADuration(s);
    }
    return total;
  }

  private static IllegalArgumentException notADuration(String text) {
    return new IllegalArgumentException("'" + text + "' is not " + EXPECTED);
  }
}
