package io.meshwarden.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-11-24T14:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final MutableClock clock = new MutableClock();
  final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

  @Test
  void opensAfterConsecutiveFailuresAndLetsOneProbeThroughLater() {
    breaker.failure();
    breaker.failure();
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.failure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.tryAcquire()).isFalse();
    assertThat(breaker.retryIn()).hasSeconds(30);
    clock.now = clock.now.plusSeconds(30);
    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.tryAcquire()).as("only one probe while half-open").isFalse();
    breaker.failure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    clock.now = clock.now.plusSeconds(30);
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.success();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.tryAcquire()).isTrue();
  }

  @Test
  void successResetsTheFailureCount() {
    breaker.failure();
    breaker.failure();
    breaker.success();
    breaker.failure();
    breaker.failure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }
}
