package io.meshwarden.common.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

  @Test
  void positiveDurationRefusesZeroAndNegativeButAcceptsTheSmallestStep() {
    ConfigValidator<Duration> positive = ConfigValidator.positiveDuration();

    assertThatThrownBy(() -> positive.validate(Duration.ZERO)).hasMessage("a duration above zero");
    assertThatThrownBy(() -> positive.validate(Duration.ofSeconds(-1)))
        .hasMessage("a duration above zero");
    assertThatCode(() -> positive.validate(Duration.ofNanos(1))).doesNotThrowAnyException();
  }
}
