package io.meshwarden.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.common.kafka.KafkaSettings;
import io.meshwarden.executor.RemediationConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxRemediationTest {

  private static final RemediationConfig DEFAULTS =
      RemediationConfig.defaults(
          "prod-eu", KafkaSettings.plaintext(List.of("localhost:9092")), "prod-eu-executor");

  @Test
  void aScenarioWithoutAnExecutorSectionKeepsTheDefaultBreaker() {
    RemediationConfig config =
        SandboxRemediation.executorSettings(DEFAULTS, Map.of("policies", List.of()));

    assertThat(config).isEqualTo(DEFAULTS);
  }

  @Test
  void theExecutorSectionSetsTheBreakerAndKeepsWhatItLeavesOut() {
    RemediationConfig config =
        SandboxRemediation.executorSettings(
            DEFAULTS, Map.of("executor", Map.of("breakerThreshold", 1, "breakerWindow", "10m")));

    assertThat(config.breakerThreshold()).isEqualTo(1);
    assertThat(config.breakerWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.breakerResumeAfter()).isEqualTo(DEFAULTS.breakerResumeAfter());
    assertThat(config.rolloutTimeout()).isEqualTo(DEFAULTS.rolloutTimeout());
  }

  @Test
  void anUnknownExecutorKeyFailsWithItsName() {
    assertThatThrownBy(
            () ->
                SandboxRemediation.executorSettings(
                    DEFAULTS, Map.of("executor", Map.of("breakerTreshold", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("breakerTreshold");
  }
}
