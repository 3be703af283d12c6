package io.meshwarden.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigTypeTest {

  enum Mechanism {
    SCRAM_SHA_256,
    PLAIN
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "250ms, PT0.25S",
    "30s, PT30S",
    "5m, PT5M",
    "1h, PT1H",
    "2d, PT48H",
    "PT1M30S, PT1M30S"
  })
  void parsesShortAndIsoDurations(String text, Duration expected) {
    assertThat(ConfigType.DURATION.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "5 s", "-5s", "PT-1S", "5w"})
  void rejectsDurationsWithoutUnitOrNegative(String text) {
    assertThatThrownBy(() -> ConfigType.DURATION.parse(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"true, true", "TRUE, true", "false, false", "False, false"})
  void parsesBooleansInAnyCase(String text, boolean expected) {
    assertThat(ConfigType.BOOLEAN.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "1", "on"})
  void refusesBooleanLookalikes(String text) {
    assertThatThrownBy(() -> ConfigType.BOOLEAN.parse(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SCRAM_SHA_256", "scram-sha-256", " Scram-Sha-256 "})
  void matchesEnumConstantsIgnoringCaseAndDashes(String text) {
    assertThat(ConfigType.enumOf(Mechanism.class).parse(text)).isEqualTo(Mechanism.SCRAM_SHA_256);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SCRAM", "PLAINS"})
  void listsEnumConstantsInExpectation(String text) {
    var type = ConfigType.enumOf(Mechanism.class);

    assertThatThrownBy(() -> type.parse(text)).isInstanceOf(IllegalArgumentException.class);
    assertThat(type.expected()).isEqualTo("one of SCRAM_SHA_256, PLAIN");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"a:1,b:2|a:1;b:2", " a:1 , ,b:2 |a:1;b:2"})
  void splitsListsOnCommasDroppingBlanks(String text, String expected) {
    assertThat(ConfigType.STRING_LIST.parse(text)).isEqualTo(List.of(expected.split(";")));
  }

  @ParameterizedTest(name = "{0} valid={1}")
  @CsvSource({
    "kafka:9092, true",
    "10.0.0.1:9092, true",
    "[::1]:9092, true",
    "kafka-0.kafka.svc:9093, true",
    "kafka, false",
    "kafka:0, false",
    "kafka:65536, false",
    "http://kafka:9092, false",
  })
  void acceptsOnlyHostPortPairsAsBootstrapServers(String server, boolean valid) {
    var check = ConfigValidator.hostPortList();
    if (valid) {
      check.validate(List.of(server));
    } else {
      assertThatThrownBy(() -> check.validate(List.of(server)))
          .hasMessageContaining("'" + server + "' is not one");
    }
  }
}
