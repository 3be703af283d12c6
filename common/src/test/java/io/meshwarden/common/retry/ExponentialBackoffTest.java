package io.meshwarden.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExponentialBackoffTest {

  @ParameterizedTest
  @CsvSource({"0, 5", "1, 10", "2, 20", "10, 5120", "17, 655360", "18, 1000000", "2000, 1000000"})
  void controllerDefaultDoublesFromFiveMillisToAThousandSeconds(int failures, long millis) {
    assertThat(ExponentialBackoff.CONTROLLER.delay(failures, 0.5)).hasMillis(millis);
  }

  @ParameterizedTest
  @CsvSource({"0.0, 800", "0.5, 900", "0.999999, 999"})
  void jitterOnlyShortensTheWait(double random, long millis) {
    ExponentialBackoff b =
        new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 2.0, 0.2);
    assertThat(b.delay(0, random)).hasMillis(millis);
    assertThat(b.delay(30, 0.999999)).isLessThanOrEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void refusesACapBelowTheBaseAndAShrinkingMultiplier() {
    assertThatThrownBy(() -> new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
