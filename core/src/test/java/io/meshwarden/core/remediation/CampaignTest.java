package io.meshwarden.core.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.core.policy.RemediationSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignTest {

  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final RemediationSettings STAGED =
      new RemediationSettings(
          5, 5, true, 2, Duration.ofSeconds(30), Duration.ofMinutes(10), List.of(), List.of());

  @Test
  void theCanaryGoesAloneThenWavesOfWaveSizeSpacedByTheInterval() {
    Campaign c = new Campaign();

    assertThat(c.admit("a", STAGED, T0)).isNull();
    assertThat(c.admit("b", STAGED, T0)).isEqualTo("waiting for canary a");
    c.finished("a", true, "", T0.plusSeconds(10));
    assertThat(c.admit("b", STAGED, T0.plusSeconds(10))).isEqualTo("waiting for the wave interval");
    assertThat(c.admit("b", STAGED, T0.plusSeconds(30))).isNull();
    assertThat(c.admit("c", STAGED, T0.plusSeconds(30))).isNull();
    assertThat(c.admit("d", STAGED, T0.plusSeconds(30))).isEqualTo("waiting for the current wave");
    c.finished("b", true, "", T0.plusSeconds(40));
    assertThat(c.admit("d", STAGED, T0.plusSeconds(40))).isEqualTo("waiting for the current wave");
    c.finished("c", true, "", T0.plusSeconds(45));
    assertThat(c.admit("d", STAGED, T0.plusSeconds(45))).isEqualTo("waiting for the wave interval");
    assertThat(c.admit("d", STAGED, T0.plusSeconds(60))).isNull();
  }

  @Test
  void aFailedCanaryHaltsUntilTheResumeAnnotationIsLaterThanTheHalt() {
    Campaign c = new Campaign();
    c.admit("a", STAGED, T0);

    boolean halted = c.finished("a", false, "rollout-timeout", T0.plusSeconds(60));

    assertThat(halted).isTrue();
    assertThat(c.halted(null)).isTrue();
    assertThat(c.halted(T0)).isTrue();
    assertThat(c.haltReason()).isEqualTo("canary rollout-timeout");
    assertThat(c.halted(T0.plusSeconds(61))).isFalse();
    assertThat(c.admit("b", STAGED, T0.plusSeconds(120))).isNull();
  }

  @Test
  void withoutCanaryEveryRequestIsAdmitted() {
    RemediationSettings plain = RemediationSettings.DEFAULTS;
    Campaign c = new Campaign();

    assertThat(c.admit("a", plain, T0)).isNull();
    assertThat(c.admit("b", plain, T0)).isNull();
  }
}
