package io.meshwarden.alerting.receiver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.alerting.config.ReceiverConfig;
import io.meshwarden.alerting.grouping.Notification;
import io.meshwarden.alerting.template.Escaper;
import io.meshwarden.alerting.template.Templates;
import io.meshwarden.alerting.template.Text;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * Slack incoming webhook: {@code {"text": <mrkdwn>}}. Values are escaped for mrkdwn; at most 50
 * alerts are listed and the text is cut to 3,000 characters (what one section of Block Kit allows;
 * Slack's own cap is 40,000).
 */
final class SlackNotifier implements Notifier {

  static final int MAX_TEXT = 3000;
  static final int MAX_ALERTS = 50;

  private final ReceiverConfig.Slack config;
  private final Templates.Template text;

  SlackNotifier(ReceiverConfig.Slack config, int maxValue) {
    this.config = config;
    this.text =
        new Templates(Escaper.SLACK, maxValue).compile(config.name() + ".text", config.text());
  }

  @Override
  public int targets() {
    return 1;
  }

  @Override
  public HttpRequestSpec render(Notification n, int target, Instant now) {
    ObjectNode body = Json.object();
    body.put("text", Text.truncate(text.render(MessageScope.of(n, MAX_ALERTS)).strip(), MAX_TEXT));
    return new HttpRequestSpec(
        target,
        URI.create(config.url().reveal()),
        Map.of("Content-Type", "application/json"),
        Json.bytes(body));
  }
}
