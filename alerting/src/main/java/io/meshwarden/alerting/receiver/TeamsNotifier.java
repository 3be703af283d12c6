package io.meshwarden.alerting.receiver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.alerting.config.ReceiverConfig;
import io.meshwarden.alerting.grouping.Notification;
import io.meshwarden.alerting.model.Alert;
import io.meshwarden.alerting.template.Escaper;
import io.meshwarden.alerting.template.Templates;
import io.meshwarden.alerting.template.Text;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * Microsoft Teams Workflows webhook: a message with one Adaptive Card (version 1.4) holding a
 * heading, then per alert (at most 20) its summary and a fact set. Values are escaped for the
 * card's Markdown subset.
 */
final class TeamsNotifier implements Notifier {

  static final int MAX_ALERTS = 20;

  private final ReceiverConfig.Teams config;
  private final Templates.Template heading;
  private final int maxValue;

  TeamsNotifier(ReceiverConfig.Teams config, int maxValue) {
    this.config = config;
    this.maxValue = maxValue;
    this.heading =
        new Templates(Escaper.TEAMS, maxValue).compile(config.name() + ".text", config.text());
  }

  @Override
  public int targets() {
    return 1;
  }

  @Override
  public HttpRequestSpec render(Notification n, int target, Instant now) {
    ObjectNode message = Json.object();
    message.put("type", "message");
    ObjectNode attachment = message.putArray("attachments").addObject();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    ObjectNode card = attachment.putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    ArrayNode body = card.putArray("body");
    ObjectNode title = body.addObject();
    title.put("type", "TextBlock");
    title.put("size", "Medium");
    title.put("weight", "Bolder");
    title.put("wrap", true);
    title.put("text", Text.truncate(heading.render(MessageScope.of(n, MAX_ALERTS)).strip(), 2000));
    n.alerts().stream().limit(MAX_ALERTS).forEach(a -> alert(body, a));
    int more = n.alerts().size() - MAX_ALERTS;
    if (more > 0) {
      ObjectNode t = body.addObject();
      t.put("type", "TextBlock");
      t.put("text", "…and " + more + " more");
    }
    return new HttpRequestSpec(
        target,
        URI.create(config.url().reveal()),
        Map.of("Content-Type", "application/json"),
        Json.bytes(message));
  }

  private void alert(ArrayNode body, Alert a) {
    ObjectNode summary = body.addObject();
    summary.put("type", "TextBlock");
    summary.put("wrap", true);
    summary.put("color", a.firing() ? "Attention" : "Good");
    summary.put("text", esc(a.annotations().getOrDefault("summary", a.label("alertname"))));
    ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
    for (String label : new String[] {"severity", "cluster", "namespace", "kind", "name", "code"}) {
      if (!a.label(label).isEmpty()) {
        facts.addObject().put("title", label).put("value", esc(a.label(label)));
      }
    }
    facts.addObject().put("title", "status").put("value", a.status().wire());
  }

  private String esc(String value) {
    return Escaper.TEAMS.escape(Text.safe(value, maxValue));
  }
}
