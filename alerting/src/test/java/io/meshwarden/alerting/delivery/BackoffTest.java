package io.meshwarden.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.alerting.config.DeliveryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

  final DeliveryPolicy policy = DeliveryPolicy.defaults(); // 1s doubling to 1m, 20 % jitter

  @ParameterizedTest
  @CsvSource({
    "1, 800, 1000",
    "2, 1600, 2000",
    "3, 3200, 4000",
    "7, 48000, 60000",
    "30, 48000, 60000"
  })
  void growsExponentiallyWithJitterUpToTheCap(int attempt, long lowMs, long highMs) {
    assertThat(new Backoff(policy, () -> 0.0).delay(attempt, Optional.empty())).hasMillis(lowMs);
    assertThat(new Backoff(policy, () -> 0.999999).delay(attempt, Optional.empty()).toMillis())
        .isBetween(lowMs, highMs);
  }

  @Test
  void retryAfterWinsWhenLongerAndIsCappedAtAnHour() {
    Backoff b = new Backoff(policy, () -> 0.5);
    assertThat(b.delay(1, Optional.of(Duration.ofSeconds(30)))).hasSeconds(30);
    assertThat(b.delay(1, Optional.of(Duration.ofMillis(1)))).hasMillis(900);
    assertThat(b.delay(1, Optional.of(Duration.ofDays(1)))).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void parsesRetryAfterSecondsAndHttpDates() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-24T14:00:00Z"), ZoneOffset.UTC);
    assertThat(Backoff.parseRetryAfter("7", clock)).contains(Duration.ofSeconds(7));
    assertThat(Backoff.parseRetryAfter("Tue, 24 Nov 2026 14:00:30 GMT", clock))
        .contains(Duration.ofSeconds(30));
    assertThat(Backoff.parseRetryAfter("soon", clock)).isEmpty();
    assertThat(Backoff.parseRetryAfter("-3", clock)).isEmpty();
  }
}
