package io.meshwarden.alerting.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.common.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingConfigReaderTest {

  @Test
  void reportsEveryProblemWithItsPathAndNeverASecret() {
    String yaml =
        """
        receivers:
          - name: slack
            slack: {url: "https://hooks.slack.invalid/T000/SECRET-TOKEN-123", sendresolved: true}
          - name: pd
            pagerduty: {routing_key: "env:MISSING_PD_KEY"}
          - name: twice
            webhook: {url: "ftp://x"}
            teams: {url: "http://x"}
        route:
          receiver: nowhere
          group_wait: soon
          routes:
            - matchers: ['team=~"("']
            - {receiver: pd, notify_outcomes: [FAILED, EXPLODED]}
        """;
    assertThatThrownBy(() -> new RoutingConfigReader(Map.of()).parse(yaml, "r.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("receivers[0].slack.sendresolved: unknown key")
        .hasMessageContaining(
            "receivers[1].pagerduty.routing_key: environment variable MISSING_PD_KEY is not set")
        .hasMessageContaining("receivers[2].name: a receiver needs exactly one of")
        .hasMessageContaining("route.receiver: no receiver named 'nowhere'")
        .hasMessageContaining("route.group_wait: a duration")
        .hasMessageContaining("route.routes[0].matchers[0]: invalid regular expression")
        .hasMessageContaining("route.routes[1].notify_outcomes: unknown outcome 'EXPLODED'")
        .message()
        .doesNotContain("SECRET-TOKEN-123");
  }

  @Test
  void noticeOutcomesDefaultToThoseNeedingAHumanAndAreInherited() {
    RoutingConfig config =
        new RoutingConfigReader(Map.of())
            .parse(
                """
                receivers:
                  - {name: hook, webhook: {url: "http://localhost:1/h"}}
                route:
                  receiver: hook
                  routes:
                    - match: {team: ops}
                      notify_outcomes: [succeeded, failed]
                      routes:
                        - match: {namespace: shop}
                """,
                "r.yaml");

    assertThat(config.route().noticeOutcomes())
        .containsExactlyInAnyOrder("FAILED", "HALTED", "SKIPPED");
    assertThat(config.route().routes().get(0).noticeOutcomes())
        .containsExactlyInAnyOrder("SUCCEEDED", "FAILED");
    assertThat(config.route().routes().get(0).routes().get(0).noticeOutcomes())
        .containsExactlyInAnyOrder("SUCCEEDED", "FAILED");
  }

  @Test
  void readsSecretsFromEnvironmentAndFiles(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("pd-key");
    Files.writeString(key, "  routing-key-42\n");
    String yaml =
        """
        receivers:
          - name: slack
            slack: {url: "env:SLACK_URL"}
          - name: pd
            pagerduty: {routing_key: "file:%s"}
        route: {receiver: slack}
        """
            .formatted(key);
    RoutingConfig config =
        new RoutingConfigReader(Map.of("SLACK_URL", "https://hooks.slack.invalid/x"))
            .parse(yaml, "r");
    ReceiverConfig.Slack slack = (ReceiverConfig.Slack) config.receiver("slack");
    ReceiverConfig.PagerDuty pd = (ReceiverConfig.PagerDuty) config.receiver("pd");
    assertThat(slack.url().reveal()).isEqualTo("https://hooks.slack.invalid/x");
    assertThat(slack.toString()).doesNotContain("hooks.slack.invalid");
    assertThat(slack.delivery().minInterval()).hasSeconds(1);
    assertThat(pd.routingKey().reveal()).isEqualTo("routing-key-42");
    assertThat(pd.url().toString()).isEqualTo("https://events.pagerduty.com/v2/enqueue");
  }
}
