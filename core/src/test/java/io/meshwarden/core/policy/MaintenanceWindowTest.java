package io.meshwarden.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0 2 * *|must have 5 fields",
        "60 2 * * *|minute 60 is outside 0-59",
        "0 24 * * *|hour 24 is outside 0-23",
        "0 2 0 * *|day of month 0 is outside 1-31",
        "0 2 * 13 *|month 13 is outside 1-12",
        "0 2 * * 8|day of week 8 is outside 0-7",
        "0 5-2 * * *|runs backwards",
        "x 2 * * *|'x' is not a number",
      })
  void rejectsBadCronNamingTheField(String cron, String message) {
    assertThatThrownBy(() -> CronExpression.parse(cron)).hasMessageContaining(message);
  }
}
