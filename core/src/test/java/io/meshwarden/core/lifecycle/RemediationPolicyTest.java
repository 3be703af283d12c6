package io.meshwarden.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.core.rules.Rule;
import io.meshwarden.core.rules.RuleCatalog;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The remediable codes name the four drift rules, and request ids are stable per run. */
class RemediationPolicyTest {

  @Test
  void remediableCodesAreTheFourDriftRulesOfTheCatalogue() {
    Map<String, String> titles =
        RuleCatalog.all().stream()
            .map(Rule::info)
            .collect(Collectors.toMap(i -> i.code(), i -> i.title()));

    assertThat(RemediationPolicy.REMEDIABLE.stream().map(titles::get))
        .containsExactlyInAnyOrder(
            "Sidecar missing", "Unexpected sidecar", "Revision drift", "Proxy image drift");
  }

  @Test
  void givesTheSameRequestIdForTheSameRunAndANewOneForTheNextRun() {
    Instant run = Instant.parse("2026-11-24T14:00:00Z");

    assertThat(RemediationPolicy.requestId("abc", run))
        .isEqualTo(RemediationPolicy.requestId("abc", run))
        .isNotEqualTo(RemediationPolicy.requestId("abc", run.plusSeconds(60)));
  }
}
