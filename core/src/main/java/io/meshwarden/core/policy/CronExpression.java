package io.meshwarden.core.policy;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A five-field crontab expression ({@code minute hour day-of-month month day-of-week}), read and
 * matched by cron-utils with its UNIX definition: {@code *}, lists, ranges, steps ({@code *}/n,
 * a-b/n, a/n), month and day names; day of week 0–7 (0 and 7 are Sunday). When both day fields are
 * restricted either may match (crontab's rule); {@code *} and {@code *}/1 leave a day field
 * unrestricted. No {@code L}, {@code W}, {@code #} or {@code ?}. This class keeps the library
 * behind meshwarden's own small interface and error messages.
 */
public final class CronExpression {

  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private static final String[] FIELDS = {"minute", "hour", "day of month", "month", "day of week"};

  private final String text;
  private final ExecutionTime times;

  private CronExpression(String text, ExecutionTime times) {
    this.text = text;
    this.times = times;
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
    if (fields.length != FIELDS.length) {
      throw new IllegalArgumentException(
          "cron expression '" + text + "' must have 5 fields, has " + fields.length);
    }
    for (int i = 0; i < fields.length; i++) {
      String[] alone = {"*", "*", "*", "*", "*"};
      alone[i] = fields[i];
      try {
        PARSER.parse(String.join(" ", alone));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            FIELDS[i] + " '" + fields[i] + "': " + reason(e.getMessage()), e);
      }
    }
    try {
      return new CronExpression(
          text, ExecutionTime.forCron(PARSER.parse(String.join(" ", fields))));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cron expression '" + text + "': " + reason(e.getMessage()), e);
    }
  }

  /** Whether a window opens at the minute of {@code t}. */
  public boolean matches(ZonedDateTime t) {
    ZonedDateTime minute = t.truncatedTo(ChronoUnit.MINUTES);
    return latestAtOrBefore(minute)
        .filter(m -> m.toInstant().equals(minute.toInstant()))
        .isPresent();
  }

  /**
   * The latest opening at or before the minute of {@code t}, in {@code t}'s zone; empty when there
   * is none. A wall-clock time that happens twice when clocks go back is an opening both times; one
   * that is skipped when they go forward is none.
   */
  public Optional<ZonedDateTime> latestAtOrBefore(ZonedDateTime t) {
    return times.lastExecution(t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1));
  }

  @Override
  public String toString() {
    return text;
  }

  private static String reason(String message) {
    String m = message == null ? "invalid" : message;
    return m.replace("Failed to parse cron expression. ", "").trim();
  }
}
