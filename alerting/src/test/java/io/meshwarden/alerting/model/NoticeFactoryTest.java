package io.meshwarden.alerting.model;

import static io.meshwarden.alerting.Fixtures.NOTICES;
import static io.meshwarden.alerting.Fixtures.T0;
import static io.meshwarden.alerting.Fixtures.remediation;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.RemediationRecord.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a remediation record becomes an action notice. */
class NoticeFactoryTest {

  @Test
  void failedRestartBecomesAFiringNoticeWithRoutingLabels() {
    Alert a = remediation("req-1").notice();

    assertThat(a.labels())
        .containsEntry("alertname", "remediation")
        .containsEntry("code", "ROLLOUT_TIMEOUT")
        .containsEntry("cluster", "prod-eu")
        .containsEntry("namespace", "shop")
        .containsEntry("kind", "Deployment")
        .containsEntry("name", "web")
        .containsEntry("outcome", "FAILED")
        .containsEntry("action", "rolling_restart")
        .containsEntry("severity", "warning");
    assertThat(a.firing()).isTrue();
    assertThat(a.endsAt()).isNull();
    assertThat(a.startsAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(a.annotations().get("summary"))
        .isEqualTo(
            "rolling_restart of Deployment shop/web in prod-eu: FAILED"
                + " (rollout did not finish in 10m)");
    assertThat(a.annotations().get("description"))
        .contains("reason: ROLLOUT_TIMEOUT", "by executor-0", "attempt: 1");
    assertThat(a.annotations()).containsEntry("request_id", "req-1");
    assertThat(a.generatorUrl()).isEqualTo("https://meshwarden.io/remediations#req-1");
    assertThat(a.fingerprint()).matches("[0-9a-f]{32}");
  }

  @ParameterizedTest
  @CsvSource({
    "FAILED,    warning",
    "HALTED,    warning",
    "SKIPPED,   info",
    "SUCCEEDED, info",
    "STARTED,   info",
  })
  void severityFollowsTheOutcome(Outcome outcome, String severity) {
    Alert a = remediation("req-1").withOutcome(outcome).notice();

    assertThat(a.label("outcome")).isEqualTo(outcome.name());
    assertThat(a.label("severity")).isEqualTo(severity);
  }

  @Test
  void recordWithoutReasonHasCodeRemediation() {
    assertThat(remediation("req-1").withReason(null).notice().label("code"))
        .isEqualTo("remediation");
    assertThat(remediation("req-1").withReason(" ").notice().label("code"))
        .isEqualTo("remediation");
  }

  @Test
  void fingerprintIsTheSameForACopyAndDiffersByRequestAndOutcome() {
    String fp = remediation("req-1").notice().fingerprint();

    assertThat(remediation("req-1").withMessage("other text").notice().fingerprint()).isEqualTo(fp);
    assertThat(remediation("req-2").notice().fingerprint()).isNotEqualTo(fp);
    assertThat(remediation("req-1").withOutcome(Outcome.STARTED).notice().fingerprint())
        .isNotEqualTo(fp);
  }

  @Test
  void recordWithoutTimesStartsNow() {
    var r = remediation("req-1").build();
    var bare =
        new io.meshwarden.common.protocol.RemediationRecord(
            null,
            r.requestId(),
            r.cluster(),
            r.target(),
            null,
            r.outcome(),
            null,
            null,
            null,
            null,
            null,
            null);

    Alert a = NOTICES.fromRecord(bare, T0.plusSeconds(99));

    assertThat(a.startsAt()).isEqualTo(T0.plusSeconds(99));
    assertThat(a.labels()).doesNotContainKey("action");
    assertThat(a.annotations().get("summary"))
        .isEqualTo("remediation of Deployment shop/web in prod-eu: FAILED");
  }
}
