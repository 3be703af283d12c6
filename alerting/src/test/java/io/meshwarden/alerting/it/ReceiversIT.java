package io.meshwarden.alerting.it;

import static io.meshwarden.alerting.Fixtures.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.alerting.Fixtures;
import io.meshwarden.alerting.config.RoutingConfig;
import io.meshwarden.alerting.delivery.DeliveryService;
import io.meshwarden.alerting.delivery.JdkHttpTransport;
import io.meshwarden.alerting.grouping.Dispatch;
import io.meshwarden.alerting.grouping.GroupKey;
import io.meshwarden.alerting.grouping.Notification;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Slack, PagerDuty and Teams payloads over real HTTP to a local server, with hostile values. */
class ReceiversIT {

  static final String HOSTILE =
      "<script>&amp; *b* _i_ `c`\n> quote \uD83D lone " + "z".repeat(10 * 1024);

  @Test
  void eachReceiverGetsAValidEscapedPayloadAndSlackRetriesAfter429() throws Exception {
    try (TestReceiver server = new TestReceiver()) {
      RoutingConfig config =
          Fixtures.routing(
              """
              defaults: {initial_backoff: 10ms, max_backoff: 50ms}
              receivers:
                - {name: slack, slack: {url: "%s"}}
                - {name: pd, pagerduty: {url: "%s", routing_key: "rk"}}
                - {name: teams, teams: {url: "%s"}}
              route: {receiver: slack}
              """
                  .formatted(server.url("/slack"), server.url("/pd"), server.url("/teams")));
      server.status.set(429); // Slack's rate limit, with Retry-After: 0
      List<String> done = new CopyOnWriteArrayList<>();
      try (DeliveryService delivery =
          new DeliveryService(
              config,
              "https://x",
              new JdkHttpTransport(Duration.ofSeconds(2)),
              l -> {},
              new SimpleMeterRegistry(),
              Clock.systemUTC())) {
        delivery.submit(dispatch("slack"), c -> done.add("slack"));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests.size() >= 2);
        server.status.set(200);
        delivery.submit(dispatch("pd"), c -> done.add("pd"));
        delivery.submit(dispatch("teams"), c -> done.add("teams"));
        await().atMost(Duration.ofSeconds(10)).until(() -> done.size() == 3);
      }
      JsonNode slack = body(server, "/slack");
      assertThat(slack.get("text").asText())
          .contains("&lt;script&gt;&amp;amp;")
          .contains("\uFFFD")
          .doesNotContain("\n&gt; quote")
          .hasSizeLessThanOrEqualTo(3000);
      JsonNode pd = body(server, "/pd");
      assertThat(pd.get("event_action").asText()).isEqualTo("trigger");
      assertThat(pd.get("payload").get("summary").asText()).hasSizeLessThanOrEqualTo(1024);
      JsonNode teams = body(server, "/teams");
      assertThat(
              teams
                  .get("attachments")
                  .get(0)
                  .get("content")
                  .get("body")
                  .get(1)
                  .get("text")
                  .asText())
          .contains("&lt;script&gt;")
          .contains("\\*b\\*");
    }
  }

  private static JsonNode body(TestReceiver server, String path) {
    return server.delivered().stream()
        .filter(r -> r.path().equals(path))
        .findFirst()
        .orElseThrow()
        .json();
  }

  private static Dispatch dispatch(String receiver) {
    var alert = finding("web-1").withMessage(HOSTILE).alert();
    GroupKey key = new GroupKey(receiver, "0", Map.of("namespace", "shop"));
    return new Dispatch(
        new Notification(
            "id-" + receiver,
            receiver,
            key.toString(),
            key.hash(),
            key.labels(),
            List.of(alert),
            Instant.now()),
        key,
        List.of());
  }
}
