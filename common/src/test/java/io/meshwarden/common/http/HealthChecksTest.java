package io.meshwarden.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.common.config.Redactor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HealthChecksTest {

  private final HealthChecks checks = new HealthChecks(Redactor.of(List.of("tops3cret")));

  private HealthReport.Outcome only(HealthChecks.Probe probe) {
    return checks.run(probe).outcomes().get(0);
  }

  @Test
  void passesWithNoChecks() {
    HealthReport report = checks.run(HealthChecks.Probe.READINESS);

    assertThat(report.passed()).isTrue();
    assertThat(report.render()).isEqualTo("readyz check passed\n");
  }

  @Test
  void namesOnlyTheFailingChecks() {
    checks.addReadiness(HealthCheck.of("a", HealthCheck.Result::up));
    checks.addReadiness(HealthCheck.of("b", () -> HealthCheck.Result.down("no")));

    assertThat(checks.run(HealthChecks.Probe.READINESS).failing()).containsExactly("b");
    assertThat(checks.run(HealthChecks.Probe.LIVENESS).passed()).isTrue();
  }

  @Test
  void treatsANullResultAsDown() {
    checks.addLiveness(HealthCheck.of("broken", () -> null));

    assertThat(only(HealthChecks.Probe.LIVENESS))
        .isEqualTo(new HealthReport.Outcome("broken", false, "check returned no result"));
  }

  @Test
  void masksSecretsAndAssignmentsAndKeepsReasonsToOneShortLine() {
    checks.addLiveness(
        HealthCheck.of(
            "login",
            () ->
                HealthCheck.Result.down(
                    "bad tops3cret\nretry with password=abc " + "x".repeat(300))));

    String reason = only(HealthChecks.Probe.LIVENESS).reason();

    assertThat(reason)
        .startsWith("bad ****** retry with password=****** xxx")
        .doesNotContain("tops3cret", "abc", "\n")
        .hasSize(HealthChecks.MAX_REASON + 3);
  }

  @Test
  void refusesTwoChecksWithTheSameNameInOneProbe() {
    checks.addReadiness(HealthCheck.of("kafka", HealthCheck.Result::up));

    assertThatThrownBy(() -> checks.addReadiness(HealthCheck.of("kafka", HealthCheck.Result::up)))
        .hasMessageContaining("kafka added twice");
    checks.addLiveness(HealthCheck.of("kafka", HealthCheck.Result::up));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Kafka", "kafka check", "-kafka", "kafka-", ""})
  void refusesNamesThatAreNotLowerCaseWordsJoinedByDashes(String name) {
    assertThatThrownBy(() -> HealthCheck.of(name, HealthCheck.Result::up))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
