package io.meshwarden.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.common.config.Config;
import io.meshwarden.common.config.ConfigException;
import io.meshwarden.common.config.ConfigLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reconciler's intervals must be above zero; its hold and debounce may be zero, never negative.
 */
class ReconcilerDurationsTest {

  private static final Map<String, String> ENV =
      Map.of("MW_CLUSTER", "prod-eu", "MW_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");

  private static Config load(String key, String value) {
    return new ConfigLoader(ReconcilerConfig.schema()).load(ENV, Map.of(key, value));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "reconciler.tick",
        "reconciler.resync-period",
        "reconciler.commit-interval",
        "reconciler.findings.resolved-retention"
      })
  void aZeroIntervalIsRefusedNamingTheKey(String key) {
    assertThatThrownBy(() -> load(key, "0s"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining("a duration above zero");
  }

  @ParameterizedTest
  @ValueSource(strings = {"reconciler.findings.for", "reconciler.debounce"})
  void aZeroHoldOrDebounceIsAcceptedButANegativeOneIsNot(String key) {
    var parameter =
        key.equals("reconciler.debounce")
            ? ReconcilerParameters.DEBOUNCE
            : ReconcilerParameters.HOLD_FOR;
    assertThat(load(key, "0s").get(parameter)).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> load(key, "PT-1S"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining("got 'PT-1S'");
  }
}
