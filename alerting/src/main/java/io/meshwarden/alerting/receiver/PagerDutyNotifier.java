package io.meshwarden.alerting.receiver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.alerting.config.ReceiverConfig;
import io.meshwarden.alerting.grouping.Notification;
import io.meshwarden.alerting.model.Alert;
import io.meshwarden.alerting.template.Escaper;
import io.meshwarden.alerting.template.Templates;
import io.meshwarden.alerting.template.Text;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * PagerDuty Events API v2. One incident per group: {@code dedup_key} is {@code mw-<group hash>}, so
 * the trigger and the later resolve of a group meet in one incident however often it is re-sent;
 * the alerts' fingerprints are in {@code custom_details}. The event resolves once none of the
 * group's alerts fires.
 */
final class PagerDutyNotifier implements Notifier {

  static final int MAX_SUMMARY = 1024;
  static final int MAX_DETAILED = 50;
  private static final List<String> SEVERITIES = List.of("critical", "error", "warning", "info");

  private final ReceiverConfig.PagerDuty config;
  private final Templates.Template summary;
  private final int maxValue;

  PagerDutyNotifier(ReceiverConfig.PagerDuty config, int maxValue) {
    this.config = config;
    this.maxValue = maxValue;
    this.summary =
        new Templates(Escaper.PLAIN, maxValue)
            .compile(config.name() + ".summary", config.summary());
  }

  @Override
  public int targets() {
    return 1;
  }

  @Override
  public HttpRequestSpec render(Notification n, int target, Instant now) {
    boolean firing = n.status() == Alert.Status.FIRING;
    ObjectNode body = Json.object();
    body.put("routing_key", config.routingKey().reveal());
    body.put("event_action", firing ? "trigger" : "resolve");
    body.put("dedup_key", "mw-" + n.groupHash());
    if (firing) {
      Alert first = n.firing().get(0);
      ObjectNode payload = body.putObject("payload");
      String text = Text.oneLine(summary.render(MessageScope.of(n, MAX_DETAILED)).strip());
      payload.put("summary", Text.truncate(text.isEmpty() ? n.groupKey() : text, MAX_SUMMARY));
      payload.put("source", Json.text(first.label("cluster"), maxValue));
      payload.put("severity", severity(n));
      payload.put("component", Json.text(first.label("kind"), maxValue));
      payload.put("group", Json.text(first.label("namespace"), maxValue));
      payload.put("class", Json.text(first.label("code"), maxValue));
      ObjectNode details = payload.putObject("custom_details");
      details.put("group", Json.text(n.groupKey(), maxValue));
      details.put("firing", n.firing().size());
      ArrayNode alerts = details.putArray("alerts");
      n.firing().stream()
          .limit(MAX_DETAILED)
          .forEach(
              a -> {
                ObjectNode o = alerts.addObject();
                o.put("fingerprint", a.fingerprint());
                o.put("summary", Json.text(a.annotations().get("summary"), maxValue));
                o.set("labels", Json.map(a.labels(), maxValue));
              });
      String runbook = first.annotations().get("runbook_url");
      if (runbook != null) {
        ObjectNode link = body.putArray("links").addObject();
        link.put("href", Json.text(runbook, maxValue));
        link.put("text", "Runbook " + Json.text(first.label("code"), 64));
      }
    }
    return new HttpRequestSpec(
        target, config.url(), Map.of("Content-Type", "application/json"), Json.bytes(body));
  }

  private static String severity(Notification n) {
    return n.firing().stream()
        .map(a -> a.label("severity"))
        .filter(SEVERITIES::contains)
        .min(java.util.Comparator.comparingInt(SEVERITIES::indexOf))
        .orElse("warning");
  }
}
