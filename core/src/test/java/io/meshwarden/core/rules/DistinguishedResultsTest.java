package io.meshwarden.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rule that reports one subject several times (per port, per match, per pair, as istioctl does)
 * gives several findings, not one; its only result for a subject keeps the fingerprint it always
 * had; two results with the same text stay two findings.
 */
class DistinguishedResultsTest {

  private static final ObjectRef VS = new ObjectRef("VirtualService", "shop", "web", null);
  private static final ObjectRef OTHER = new ObjectRef("VirtualService", "shop", "api", null);

  private static RuleResult result(ObjectRef subject, String message) {
    return new RuleResult("MW0127", "IST0131", Severity.INFO, subject, message, Map.of());
  }

  @Test
  void severalResultsAboutOneSubjectBecomeSeveralFindings() {
    List<RuleResult> out =
        RuleEngine.distinguished(
            List.of(
                result(VS, "rule #1 match #2 is not used"),
                result(VS, "rule #2 match #1 is not used"),
                result(OTHER, "rule #1 match #1 is not used")));

    assertThat(out).hasSize(3);
    assertThat(out.stream().map(r -> r.fingerprint("c")).distinct()).hasSize(3);
    RuleResult only = out.stream().filter(r -> r.subject().equals(OTHER)).findFirst().orElseThrow();
    assertThat(only.instance()).isEmpty();
    assertThat(only.fingerprint("c"))
        .as("a rule's only result for a subject keeps the fingerprint it always had")
        .isEqualTo(Finding.fingerprintOf("c", "MW0127", OTHER));
    assertThat(only.toFinding("c", java.time.Instant.EPOCH).fingerprint())
        .isEqualTo(only.fingerprint("c"));
  }

  @Test
  void twoResultsWithTheSameTextStayTwoFindings() {
    List<RuleResult> out =
        RuleEngine.distinguished(
            List.of(
                result(VS, "routes to a port-less service"),
                result(VS, "routes to a port-less service")));

    assertThat(out).hasSize(2);
    assertThat(out.stream().map(r -> r.fingerprint("c")).distinct()).hasSize(2);
  }
}
