package io.meshwarden.core.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void opensAtTheKthFailureWithinTheWindowOnly() {
    CircuitBreaker b = new CircuitBreaker(3, Duration.ofMinutes(10), null);

    assertThat(b.recordFailure(T0)).isFalse();
    assertThat(b.recordFailure(T0.plusSeconds(700))).isFalse();
    assertThat(b.recordFailure(T0.plusSeconds(800))).isFalse();
    assertThat(b.isOpen(T0.plusSeconds(800), null)).isFalse();
    assertThat(b.recordFailure(T0.plusSeconds(900))).isTrue();
    assertThat(b.isOpen(T0.plusSeconds(901), null)).isTrue();
  }

  @Test
  void resumesWhenToldAfterItOpenedOrAfterTheConfiguredTime() {
    CircuitBreaker told = new CircuitBreaker(1, Duration.ofMinutes(10), null);
    told.recordFailure(T0);
    assertThat(told.isOpen(T0.plusSeconds(3600), T0.minusSeconds(1))).isTrue();
    assertThat(told.isOpen(T0.plusSeconds(3600), T0.plusSeconds(1))).isFalse();

    CircuitBreaker timed = new CircuitBreaker(1, Duration.ofMinutes(10), Duration.ofMinutes(30));
    timed.recordFailure(T0);
    assertThat(timed.isOpen(T0.plusSeconds(1799), null)).isTrue();
    assertThat(timed.isOpen(T0.plusSeconds(1800), null)).isFalse();
  }
}
