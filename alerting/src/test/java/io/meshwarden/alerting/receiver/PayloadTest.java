package io.meshwarden.alerting.receiver;

import static io.meshwarden.alerting.Fixtures.T0;
import static io.meshwarden.alerting.Fixtures.finding;
import static io.meshwarden.alerting.Fixtures.routing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.alerting.config.RoutingConfig;
import io.meshwarden.alerting.grouping.Notification;
import io.meshwarden.alerting.model.Alert;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every receiver's payload with hostile values: valid JSON, escaped, cut. */
class PayloadTest {

  static final String HOSTILE =
      "<b>x</b> & *bold* _it_ ~s~ `code` <!channel> \n*INJECTED* \uD800 lone \uDC00 end "
          + "y".repeat(10_000);

  static final RoutingConfig CONFIG =
      routing(
          """
          templates: {max_value_length: 200}
          receivers:
            - {name: am, alertmanager: {urls: ["http://am-0:9093", "http://am-1:9093/"]}}
            - {name: slack, slack: {url: "https://hooks.slack.invalid/T/B/secret"}}
            - {name: pd, pagerduty: {routing_key: "rk-1"}}
            - {name: teams, teams: {url: "https://teams.invalid/workflows/x"}}
            - {name: hook, webhook: {url: "http://hook.invalid/in", secret: "whsec_c2VjcmV0LWtleS0xMjM0NTY3OA=="}}
          route: {receiver: hook}
          """);

  final Map<String, Notifier> notifiers = Notifiers.of(CONFIG, "https://meshwarden.example");

  @Test
  void slackTextEscapesMrkdwnAndStaysShort() throws Exception {
    JsonNode body = render("slack", notification()).get(0);
    String text = body.get("text").asText();
    assertThat(text).contains("&lt;b&gt;x&lt;/b&gt; &amp; *\u200Bbold*\u200B _\u200Bit_\u200B");
    assertThat(text).contains("`\u200Bcode`\u200B").contains("&lt;!channel&gt;");
    assertThat(text).doesNotContain("<!channel>").doesNotContain("\n*INJECTED*");
    assertThat(text).contains("\uFFFD lone \uFFFD").hasSizeLessThanOrEqualTo(3000);
    assertThat(text).startsWith("*[FIRING:1] cluster=prod-eu");
  }

  @Test
  void alertmanagerGetsEveryUrlWithLabelsAnnotationsAndEndsAtOnlyWhenResolved() throws Exception {
    List<JsonNode> bodies = render("am", notification());
    assertThat(bodies).hasSize(2);
    JsonNode alert = bodies.get(0).get(0);
    assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("MW0101");
    assertThat(alert.get("labels").get("severity").asText()).isEqualTo("error");
    assertThat(alert.get("labels").get("team").asText()).isEqualTo("payments");
    assertThat(alert.get("annotations").get("runbook_url").asText())
        .isEqualTo("https://meshwarden.io/docs/rules/mw0101");
    assertThat(alert.get("annotations").get("summary").asText()).hasSizeLessThanOrEqualTo(200);
    assertThat(alert.has("endsAt")).isFalse();
    HttpRequestSpec second = notifiers.get("am").render(notification(), 1, T0);
    assertThat(second.uri().toString()).isEqualTo("http://am-1:9093/api/v2/alerts");
  }

  @Test
  void pagerDutyTriggersThenResolvesWithOneDedupKey() throws Exception {
    JsonNode trigger = render("pd", notification()).get(0);
    Alert resolved = finding("web-1").withMessage(HOSTILE).resolved().alert();
    JsonNode resolve = render("pd", notification(resolved)).get(0);
    assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
    assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
    assertThat(resolve.get("dedup_key")).isEqualTo(trigger.get("dedup_key"));
    assertThat(trigger.get("payload").get("summary").asText())
        .hasSizeLessThanOrEqualTo(1024)
        .doesNotContain("\n");
    assertThat(trigger.get("payload").get("severity").asText()).isEqualTo("error");
    assertThat(trigger.get("routing_key").asText()).isEqualTo("rk-1");
  }

  @Test
  void teamsGetsAnAdaptiveCardWithEscapedValues() throws Exception {
    JsonNode msg = render("teams", notification()).get(0);
    JsonNode card = msg.get("attachments").get(0);
    assertThat(card.get("contentType").asText())
        .isEqualTo("application/vnd.microsoft.card.adaptive");
    assertThat(card.get("content").get("type").asText()).isEqualTo("AdaptiveCard");
    String summary = card.get("content").get("body").get(1).get("text").asText();
    assertThat(summary).contains("&lt;b&gt;").contains("\\*bold\\*").doesNotContain("\n");
  }

  @Test
  void webhookIsSignedAndTheSignatureDetectsTamperingAndStaleness() {
    Notification n = notification();
    HttpRequestSpec req = notifiers.get("hook").render(n, 0, T0);
    StandardWebhooks verifier = new StandardWebhooks("whsec_c2VjcmV0LWtleS0xMjM0NTY3OA==");
    String id = req.headers().get("webhook-id");
    String ts = req.headers().get("webhook-timestamp");
    String sig = req.headers().get("webhook-signature");
    assertThat(id).isEqualTo(n.id());
    assertThat(sig).startsWith("v1,");
    assertThat(verifier.verify(id, ts, sig, req.body(), T0.plusSeconds(10))).isTrue();
    assertThat(verifier.verify(id, ts, sig, req.body(), T0.plusSeconds(301))).isFalse();
    byte[] tampered =
        new String(req.body(), StandardCharsets.UTF_8)
            .replace("web-1", "web-2")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(verifier.verify(id, ts, sig, tampered, T0)).isFalse();
    assertThat(verifier.verify("other-id", ts, sig, req.body(), T0)).isFalse();
    assertThat(new StandardWebhooks("whsec_b3RoZXI=").verify(id, ts, sig, req.body(), T0))
        .isFalse();
  }

  @Test
  void webhookBodyIsShapedLikeAlertmanagersAndCarriesTheFingerprint() throws Exception {
    JsonNode body = render("hook", notification()).get(0);
    assertThat(body.get("version").asText()).isEqualTo("4");
    assertThat(body.get("status").asText()).isEqualTo("firing");
    assertThat(body.get("groupLabels").get("namespace").asText()).isEqualTo("shop");
    JsonNode alert = body.get("alerts").get(0);
    assertThat(alert.get("fingerprint").asText()).isEqualTo(finding("web-1").build().fingerprint());
    assertThat(alert.get("annotations").get("summary").asText())
        .hasSizeLessThanOrEqualTo(200)
        .contains("\uFFFD");
  }

  @Test
  void requestDescriptionsNeverShowWebhookPaths() {
    HttpRequestSpec req = notifiers.get("slack").render(notification(), 0, T0);
    assertThat(req.toString()).doesNotContain("secret").contains("hooks.slack.invalid");
  }

  private List<JsonNode> render(String receiver, Notification n) throws Exception {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (HttpRequestSpec r : notifiers.get(receiver).renderAll(n, T0)) {
      out.add(Json.MAPPER.readTree(r.body()));
    }
    return out;
  }

  private static Notification notification() {
    return notification(finding("web-1").withMessage(HOSTILE).alert());
  }

  private static Notification notification(Alert alert) {
    return new Notification(
        "n-1",
        "hook",
        "hook/0:{}",
        "abc123",
        Map.of("cluster", "prod-eu", "namespace", "shop", "code", "MW0101"),
        List.of(alert),
        T0);
  }
}
