package io.meshwarden.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A recurring window in which restarts may start: it opens at each time {@code cron} matches (in
 * {@code zone}) and stays open for {@code duration}.
 */
public record MaintenanceWindow(CronExpression cron, Duration duration, ZoneId zone) {

  /** Longest window a policy may declare. */
  public static final Duration MAX_DURATION = Duration.ofDays(7);

  /**
   * Whether the window is open at {@code now}: some opening lies in {@code (now - duration, now]}.
   */
  public boolean isOpen(Instant now) {
    return cron.latestAtOrBefore(now.atZone(zone))
        .map(opening -> opening.toInstant().isAfter(now.minus(duration)))
        .orElse(false);
  }
}
