package io.meshwarden.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one duration syntax: what configuration keys (single terms, ISO) and policies (compound
 * terms, ISO in either case) accepted before they shared a parser, and nothing more.
 */
class DurationsTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "250ms, PT0.25S",
    "30s, PT30S",
    "90s, PT1M30S",
    "5m, PT5M",
    "1h, PT1H",
    "2d, PT48H",
    "1h30m, PT1H30M",
    "1d2h3m4s5ms, PT26H3M4.005S",
    "30m1h, PT1H30M",
    "0s, PT0S",
    "PT1M30S, PT1M30S",
    "pt30s, PT30S",
    "P1D, PT24H",
    "'  5m  ', PT5M",
  })
  void readsUnitTermsAndIso(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "5",
        "5 s",
        "1h 30m",
        "5 minutes",
        "1h30",
        "m5",
        "-5s",
        "-5m",
        "PT-1S",
        "-PT5S",
        "5w",
        "1.5h",
        "5M",
        "PT",
        "99999999999999999999s",
        "9223372036854775807d"
      })
  void refusesWhatIsNotANonNegativeDuration(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text.strip());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void refusesEmptyText(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void configTypeReadsDurationsThroughTheSameParser() {
    assertThat(ConfigType.DURATION.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(ConfigType.DURATION.expected()).isEqualTo(Durations.EXPECTED);
  }
}
