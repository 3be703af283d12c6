package io.meshwarden.core.policy;

import java.time.ZonedDateTime;
import java.util.BitSet;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) with {@code *},
 * lists, ranges and steps, as crontab reads it. Day of week is 0–7 (0 and 7 are Sunday). When both
 * day fields are restricted, either may match (crontab's rule). No names, no {@code L}/{@code W}.
 */
public final class CronExpression {

  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet days;
  private final BitSet months;
  private final BitSet weekdays;
  private final boolean daysRestricted;
  private final boolean weekdaysRestricted;

  private CronExpression(String text, String[] f) {
    this.text = text;
    this.minutes = field(f[0], 0, 59, "minute");
    this.hours = field(f[1], 0, 23, "hour");
    this.days = field(f[2], 1, 31, "day of month");
    this.months = field(f[3], 1, 12, "month");
    BitSet dow = field(f[4], 0, 7, "day of week");
    if (dow.get(7)) {
      dow.set(0);
    }
    this.weekdays = dow;
    this.daysRestricted = !f[2].equals("*");
    this.weekdaysRestricted = !f[4].equals("*");
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the field that is wrong
   */
  public static CronExpression parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("cron expression is missing");
    }
    String[] fields = text.trim().split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException(
          "cron expression '" + text + "' must have 5 fields, has " + fields.length);
    }
    return new CronExpression(text, fields);
  }

  /** Whether a window starts at this minute. */
  public boolean matches(ZonedDateTime t) {
    if (!minutes.get(t.getMinute()) || !hours.get(t.getHour()) || !months.get(t.getMonthValue())) {
      return false;
    }
    boolean dom = days.get(t.getDayOfMonth());
    boolean dow = weekdays.get(t.getDayOfWeek().getValue() % 7);
    if (daysRestricted && weekdaysRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }

  @Override
  public String toString() {
    return text;
  }

  private static BitSet field(String spec, int min, int max, String name) {
    BitSet bits = new BitSet(max + 1);
    for (String part : spec.split(",")) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(part.substring(slash + 1), 1, max, name);
        range = part.substring(0, slash);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        from = number(ends[0], min, max, name);
        to = number(ends[1], min, max, name);
      } else {
        from = number(range, min, max, name);
        to = slash >= 0 ? max : from;
      }
      if (from > to) {
        throw new IllegalArgumentException(name + " range '" + range + "' runs backwards");
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(String s, int min, int max, String name) {
    try {
      int v = Integer.parseInt(s);
      if (v < min || v > max) {
        throw new IllegalArgumentException(name + " " + v + " is outside " + min + "-" + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " '" + s + "' is not a number", e);
    }
  }
}
