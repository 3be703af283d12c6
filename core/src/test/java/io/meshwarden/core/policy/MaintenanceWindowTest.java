package io.meshwarden.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaintenanceWindowTest {

  @ParameterizedTest(name = "{0} for {1} in {2} at {3} -> {4}")
  @CsvSource({
    // cron, duration, zone, instant, open
    "0 2 * * *,     PT2H, UTC,           2025-01-01T02:00:00Z, true",
    "0 2 * * *,     PT2H, UTC,           2025-01-01T03:59:59Z, true",
    "0 2 * * *,     PT2H, UTC,           2025-01-01T04:00:00Z, false",
    "0 2 * * *,     PT2H, UTC,           2025-01-01T01:59:00Z, false",
    "0 2 * * *,     PT2H, Europe/Berlin, 2025-01-01T01:30:00Z, true",
    "0 2 * * *,     PT2H, Europe/Berlin, 2025-01-01T03:00:00Z, false",
    "0 22 * * 1-5,  PT4H, UTC,           2025-01-07T01:00:00Z, true",
    "0 22 * * 1-5,  PT4H, UTC,           2025-01-05T01:00:00Z, false",
    "*/15 * * * *,  PT5M, UTC,           2025-01-01T10:34:00Z, true",
    "*/15 * * * *,  PT5M, UTC,           2025-01-01T10:35:00Z, false",
    "0 0 1 * *,     P1D,  UTC,           2025-03-01T23:00:00Z, true",
    "0 0 1 * *,     P1D,  UTC,           2025-03-02T00:00:00Z, false",
  })
  void isOpenWithinDurationOfTheLatestStart(
      String cron, Duration duration, String zone, Instant at, boolean open) {
    MaintenanceWindow w =
        new MaintenanceWindow(CronExpression.parse(cron), duration, ZoneId.of(zone));
    assertThat(w.isOpen(at)).isEqualTo(open);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // cron | what the message says
        "0 2 * *|must have 5 fields",
        "0 2 * * * *|must have 5 fields",
        "60 2 * * *|minute '60': Value 60 not in range [0, 59]",
        "0 24 * * *|hour '24': Value 24 not in range [0, 23]",
        "0 2 0 * *|day of month '0': Value 0 not in range [1, 31]",
        "0 2 * 13 *|month '13': Value 13 not in range [1, 12]",
        "0 2 * * 8|day of week '8': Value 8 not in range [0, 7]",
        "0 5-2 * * *|hour '5-2': Invalid range",
        "x 2 * * *|minute 'x': Invalid chars",
        "0 2 L * *|day of month 'L'",
        "0 2 ? * 1|day of month '?'",
        "0 2 * * 1#2|day of week '1#2'",
      })
  void rejectsBadCronNamingTheField(String cron, String message) {
    assertThatThrownBy(() -> CronExpression.parse(cron))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0} at {1} -> {2}")
  @CsvSource({
    // cron, local time (UTC), matches
    // ranges, steps and lists
    "0 9-17 * * *,       2025-01-06T17:00, true",
    "0 9-17 * * *,       2025-01-06T18:00, false",
    "'0-30/10 * * * *',    2025-01-06T10:30, true",
    "'0-30/10 * * * *',    2025-01-06T10:40, false",
    "5/15 * * * *,       2025-01-06T10:50, true",
    "5/15 * * * *,       2025-01-06T10:45, false",
    "0 1/6 * * *,        2025-01-06T13:00, true",
    "0 1/6 * * *,        2025-01-06T12:00, false",
    "'0 1,3,5 * * *',      2025-01-06T03:00, true",
    "'0 1,3,5 * * *',      2025-01-06T04:00, false",
    "0 2 * 2-11/3 *,     2025-05-01T02:00, true",
    "0 2 * 2-11/3 *,     2025-06-01T02:00, false",
    // day of week: 0 and 7 are Sunday (2025-01-05 is a Sunday), names too
    "0 2 * * 0,          2025-01-05T02:00, true",
    "0 2 * * 7,          2025-01-05T02:00, true",
    "0 2 * * 7,          2025-01-06T02:00, false",
    "0 2 * * SUN,        2025-01-05T02:00, true",
    "0 2 * * MON-FRI,    2025-01-06T02:00, true",
    "0 2 * * MON-FRI,    2025-01-04T02:00, false",
    "0 2 * JAN *,        2025-01-04T02:00, true",
    // both day fields restricted: either matches (2025-01-13 is a Monday, 2025-01-14 a Tuesday)
    "0 2 13 * 5,         2025-01-13T02:00, true",
    "0 2 13 * 5,         2025-01-17T02:00, true",
    "0 2 13 * 5,         2025-01-14T02:00, false",
    "0 2 */2 * 1,        2025-01-13T02:00, true",
    "0 2 */2 * 1,        2025-01-14T02:00, false",
    "0 2 */2 * 1,        2025-01-15T02:00, true",
    // one day field unrestricted (* or */1): the other alone decides
    "0 2 * * 1,          2025-01-13T02:00, true",
    "0 2 * * 1,          2025-01-14T02:00, false",
    "0 2 */1 * 1,        2025-01-14T02:00, false",
    "0 2 1 * *,          2025-02-01T02:00, true",
    "0 2 1 * *,          2025-02-03T02:00, false",
    // months without the day
    "0 2 31 * *,         2025-04-30T02:00, false",
    "0 2 29 2 *,         2024-02-29T02:00, true",
  })
  void matchesLikeCrontab(String cron, String local, boolean match) {
    ZonedDateTime t = LocalDateTime.parse(local).atZone(ZoneOffset.UTC);
    assertThat(CronExpression.parse(cron).matches(t)).isEqualTo(match);
  }

  @ParameterizedTest(name = "{0} for {1} at {2} -> {3}")
  @CsvSource({
    // Europe/Berlin: clocks go forward at 02:00 on 2025-03-30 (no 02:30 that day) and back at
    // 03:00 on 2025-10-26 (02:30 happens twice, at 00:30Z and 01:30Z: both open the window).
    "30 2 * * *, PT1H,  2025-03-30T00:45:00Z, false",
    "30 2 * * *, PT1H,  2025-03-31T00:45:00Z, true",
    "30 2 * * *, PT10M, 2025-10-26T00:35:00Z, true",
    "30 2 * * *, PT10M, 2025-10-26T01:00:00Z, false",
    "30 2 * * *, PT10M, 2025-10-26T01:30:00Z, true",
    "30 2 * * *, PT10M, 2025-10-26T01:39:00Z, true",
    "30 2 * * *, PT10M, 2025-10-26T01:40:00Z, false",
  })
  void followsTheWallClockAcrossDaylightSavingChanges(
      String cron, Duration duration, Instant at, boolean open) {
    MaintenanceWindow w =
        new MaintenanceWindow(CronExpression.parse(cron), duration, ZoneId.of("Europe/Berlin"));
    assertThat(w.isOpen(at)).isEqualTo(open);
  }

  @Test
  void aCronThatNeverMatchesNeverOpens() {
    MaintenanceWindow w =
        new MaintenanceWindow(
            CronExpression.parse("0 2 30 2 *"), MaintenanceWindow.MAX_DURATION, ZoneOffset.UTC);
    assertThat(w.isOpen(Instant.parse("2025-03-01T00:00:00Z"))).isFalse();
  }
}
