package io.meshwarden.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.common.config.ConfigException;
import io.meshwarden.common.config.ConfigLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations and election timings the watcher refuses at start, with the key in the message. */
class WatcherConfigTest {

  private static final Map<String, String> ENV =
      Map.of("MW_CLUSTER", "prod-eu", "MW_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");

  private static WatcherConfig load(Map<String, String> flags) {
    return WatcherConfig.from(new ConfigLoader(WatcherConfig.schema()).load(ENV, flags), ENV);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "watcher.lease-duration",
        "watcher.renew-deadline",
        "watcher.retry-period",
        "watcher.resync-period",
        "watcher.publish.window"
      })
  void aZeroDurationIsRefusedNamingTheKey(String key) {
    assertThatThrownBy(() -> load(Map.of(key, "0s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining("a duration above zero");
  }

  @ParameterizedTest
  @CsvSource({
    "10s, 10s, 2s, watcher.lease-duration",
    "15s, 2s, 2s, watcher.renew-deadline",
    "15s, 10s, 9s, watcher.renew-deadline"
  })
  void electionTimingsThatCouldLetTwoReplicasLeadAreRefused(
      String lease, String renew, String retry, String named) {
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "watcher.lease-duration", lease,
                        "watcher.renew-deadline", renew,
                        "watcher.retry-period", retry)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(named + " (");
  }

  @ParameterizedTest
  @CsvSource({"15s, 10s, 2s", "4s, 3s, 500ms"})
  void orderedTimingsAreAccepted(String lease, String renew, String retry) {
    WatcherConfig config =
        load(
            Map.of(
                "watcher.lease-duration", lease,
                "watcher.renew-deadline", renew,
                "watcher.retry-period", retry));
    assertThat(config.election().leaseDuration()).isGreaterThan(config.election().renewDeadline());
    assertThat(config.election().retryPeriod()).isPositive();
    assertThat(config.election().leaseDuration()).isLessThanOrEqualTo(Duration.ofSeconds(15));
  }
}
