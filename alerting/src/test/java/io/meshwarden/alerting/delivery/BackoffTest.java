package io.meshwarden.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.alerting.config.DeliveryPolicy;
import io.meshwarden.common.retry.ItemExponentialRateLimiter;
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
    assertThat(delayOfAttempt(attempt, 0.0)).hasMillis(lowMs);
    assertThat(delayOfAttempt(attempt, 0.999999).toMillis()).isBetween(lowMs, highMs);
  }

  @Test
  void aReceiverWaitsOnlyForItsOwnFailures() {
    var limiter = new ItemExponentialRateLimiter<String>(Backoff.of(policy), () -> 0.0);
    limiter.when("a");
    limiter.when("a");

    assertThat(limiter.when("a")).hasMillis(3200);
    assertThat(limiter.when("b")).hasMillis(800);
  }

  @Test
  void anInitialBackoffAboveTheMaxWaitsTheMax() {
    DeliveryPolicy p =
        new DeliveryPolicy(
            policy.timeout(),
            policy.maxConcurrency(),
            policy.minInterval(),
            Duration.ofMinutes(5),
            Duration.ofMinutes(1),
            policy.multiplier(),
            policy.jitter(),
            policy.maxAttempts(),
            policy.maxRetryTime(),
            policy.breakerThreshold(),
            policy.breakerOpenFor());

    assertThat(Backoff.of(p).delay(0, 0.999999).toSeconds()).isBetween(48L, 60L);
  }

  @Test
  void retryAfterWinsWhenLongerAndIsCappedAtAnHour() {
    Duration d = Duration.ofMillis(900);
    assertThat(Backoff.honouringRetryAfter(d, Optional.empty())).hasMillis(900);
    assertThat(Backoff.honouringRetryAfter(d, Optional.of(Duration.ofSeconds(30)))).hasSeconds(30);
    assertThat(Backoff.honouringRetryAfter(d, Optional.of(Duration.ofMillis(1)))).hasMillis(900);
    assertThat(Backoff.honouringRetryAfter(d, Optional.of(Duration.ofDays(1))))
        .isEqualTo(Duration.ofHours(1));
  }

  /** The wait after failed attempt {@code attempt} (1-based) of one delivery. */
  private Duration delayOfAttempt(int attempt, double random) {
    var limiter = new ItemExponentialRateLimiter<String>(Backoff.of(policy), () -> random);
    Duration d = Duration.ZERO;
    for (int i = 0; i < attempt; i++) {
      d = limiter.when("delivery");
    }
    return d;
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
