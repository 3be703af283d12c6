package io.meshwarden.common.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicNamesTest {

  private final TopicNames names = TopicNames.defaults();

  @Test
  void namesFollowTheArchitecture() {
    assertThat(names.objects("prod-eu")).isEqualTo("mw.prod-eu.objects");
    assertThat(names.mesh("prod-eu")).isEqualTo("mw.prod-eu.mesh");
    assertThat(names.digests("prod-eu")).isEqualTo("mw.prod-eu.digests");
    assertThat(names.remediationRequests("prod-eu")).isEqualTo("mw.prod-eu.remediation-requests");
    assertThat(names.findings()).isEqualTo("mw.findings");
    assertThat(names.remediations()).isEqualTo("mw.remediations");
    assertThat(names.alertsDeadLetter()).isEqualTo("mw.alerts.dlq");
    assertThat(new TopicNames("team-a.mesh").findings()).isEqualTo("team-a.mesh.findings");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Prod", "prod_eu", "-prod", "prod-", "prod.eu", "", "a/b"})
  void rejectsClusterNamesThatAreNotDns1123Labels(String cluster) {
    assertThatThrownBy(() -> names.objects(cluster))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DNS-1123");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "mw..x", ".mw", "mw/x", "mw x", "mw:x"})
  void rejectsIllegalPrefixes(String prefix) {
    assertThatThrownBy(() -> new TopicNames(prefix)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theLongestClusterNameStillMakesALegalTopicName() {
    TopicNames longest = new TopicNames("p".repeat(TopicNames.MAX_PREFIX));
    String cluster = "c".repeat(63);

    assertThat(longest.remediationRequests(cluster).length()).isLessThanOrEqualTo(249);
  }
}
