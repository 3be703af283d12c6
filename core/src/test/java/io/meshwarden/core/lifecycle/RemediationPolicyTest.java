package io.meshwarden.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.RemediationAction;
import io.meshwarden.common.protocol.RemediationRequest;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.rules.Remedy;
import io.meshwarden.core.rules.Rule;
import io.meshwarden.core.rules.RuleCatalog;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A finding asks for a remediation exactly when its rule's catalogue entry names a restart, the
 * expected revision is the one its rule wrote, and request ids are stable per run.
 */
class RemediationPolicyTest {

  private static final Instant NOW = Instant.parse("2026-11-24T14:00:00Z");
  private static final ObjectRef WEB = new ObjectRef("Deployment", "shop", "web", "uid-1");

  private final RemediationPolicy policy = new RemediationPolicy("reconciler/prod-eu");

  private static Finding finding(String code, ObjectRef subject, Map<String, String> details) {
    return new Finding(
        null,
        null,
        "prod-eu",
        subject,
        code,
        null,
        Severity.WARNING,
        Finding.State.OPEN,
        "m",
        details,
        null,
        NOW,
        NOW,
        null,
        null);
  }

  @Test
  void theRestartingRulesOfTheCatalogueAreTheFourDriftRules() {
    assertThat(
            RuleCatalog.all().stream()
                .filter(r -> r.info().remedy().restarts())
                .map(r -> r.info().title()))
        .containsExactlyInAnyOrder(
            "Sidecar missing", "Unexpected sidecar", "Revision drift", "Proxy image drift");
    assertThat(RuleCatalog.byCode("MW0002").orElseThrow().info().remedy())
        .as("removing a sidecar needs no injector")
        .isEqualTo(Remedy.RESTART_WORKLOAD_WITHOUT_SIDECAR);
  }

  @Test
  void everyRestartingRuleAsksForARestartWithTheRevisionItWrote() {
    for (Rule rule : RuleCatalog.all()) {
      Optional<RemediationRequest> request =
          policy.requestFor(
              finding(rule.info().code(), WEB, Map.of("expectedRevision", "1-24")), NOW, NOW);

      if (!rule.info().remedy().restarts()) {
        assertThat(request).as(rule.info().code()).isEmpty();
        continue;
      }
      RemediationRequest r = request.orElseThrow();
      assertThat(r.action()).isEqualTo(RemediationAction.ROLLING_RESTART);
      assertThat(r.reasonCode()).isEqualTo(rule.info().code());
      assertThat(r.target()).isEqualTo(WEB);
      assertThat(r.expectedRevision())
          .as(rule.info().code())
          .isEqualTo(rule.info().remedy().needsInjector() ? "1-24" : null);
    }
  }

  @Test
  void aCodeNoRuleHasAsksForNothing() {
    assertThat(policy.requestFor(finding("MW9999", WEB, Map.of()), NOW, NOW)).isEmpty();
  }

  @Test
  void aBarePodGetsADeleteRequestAndAnObjectThatIsNoWorkloadNothing() {
    ObjectRef pod = new ObjectRef("Pod", "shop", "web-1", null);
    ObjectRef service = new ObjectRef("Service", "shop", "web", null);

    assertThat(policy.requestFor(finding("MW0001", pod, Map.of()), NOW, NOW).orElseThrow().action())
        .isEqualTo(RemediationAction.DELETE_POD);
    assertThat(policy.requestFor(finding("MW0001", service, Map.of()), NOW, NOW)).isEmpty();
  }

  @Test
  void givesTheSameRequestIdForTheSameRunAndANewOneForTheNextRun() {
    assertThat(RemediationPolicy.requestId("abc", NOW))
        .isEqualTo(RemediationPolicy.requestId("abc", NOW))
        .isNotEqualTo(RemediationPolicy.requestId("abc", NOW.plusSeconds(60)));
  }
}
