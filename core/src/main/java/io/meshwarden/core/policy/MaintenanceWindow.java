package io.meshwarden.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * A recurring window in which restarts may start: it opens at each time {@code cron} matches (in
 * {@code zone}) and stays open for {@code duration}.
 */
public record MaintenanceWindow(CronExpression cron, Duration duration, ZoneId zone) {

  /** Longest window: bounds the backwards search for the latest opening. */
  public static final Duration MAX_DURATION = Duration.ofDays(7);

  /**
   * Whether the window is open at {@code now}: some opening lies in {@code (now - duration, now]}.
   */
  public boolean isOpen(Instant now) {
    ZonedDateTime t = now.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
    ZonedDateTime earliest = now.minus(duration).atZone(zone);
    while (t.isAfter(earliest)) {
      if (cron.matches(t)) {
        return true;
      }
      t = t.minusMinutes(1);
    }
    return false;
  }
}
