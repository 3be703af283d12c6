package io.meshwarden.alerting;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.common.config.ConfigException;
import io.meshwarden.common.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A zero tick or interval would spin or never act: alerting refuses it at start. */
class AlertingDurationsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "alerting.tick",
        "alerting.commit-interval",
        "alerting.revoke-timeout",
        "alerting.notice-max-age",
        "alerting.dlq-depth-interval"
      })
  void aZeroDurationIsRefusedNamingTheKey(String key) {
    assertThatThrownBy(
            () ->
                new ConfigLoader(AlertingConfig.schema())
                    .load(Map.of("MW_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"), Map.of(key, "0s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining("a duration above zero");
  }
}
