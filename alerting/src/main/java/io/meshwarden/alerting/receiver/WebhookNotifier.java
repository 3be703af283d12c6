package io.meshwarden.alerting.receiver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.alerting.config.ReceiverConfig;
import io.meshwarden.alerting.grouping.Notification;
import io.meshwarden.alerting.model.Alert;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generic JSON webhook whose body is shaped like Alertmanager's webhook payload (version 4), with
 * Standard Webhooks headers: {@code webhook-id} is the notification's id (the same on every retry,
 * so a receiver can drop repeats), {@code webhook-timestamp} the time of this attempt, and {@code
 * webhook-signature} when a secret is configured.
 */
final class WebhookNotifier implements Notifier {

  private final ReceiverConfig.Webhook config;
  private final StandardWebhooks signer;
  private final String externalUrl;
  private final int maxValue;

  WebhookNotifier(ReceiverConfig.Webhook config, String externalUrl, int maxValue) {
    this.config = config;
    this.externalUrl = externalUrl;
    this.maxValue = maxValue;
    this.signer = config.secret() == null ? null : new StandardWebhooks(config.secret().reveal());
  }

  @Override
  public int targets() {
    return 1;
  }

  @Override
  public HttpRequestSpec render(Notification n, int target, Instant now) {
    ObjectNode body = Json.object();
    body.put("version", "4");
    body.put("groupKey", Json.text(n.groupKey(), maxValue));
    body.put("truncatedAlerts", truncated(n));
    body.put("status", n.status().wire());
    body.put("receiver", n.receiver());
    body.set("groupLabels", Json.map(n.groupLabels(), maxValue));
    body.set("commonLabels", Json.map(n.commonLabels(), maxValue));
    body.set("commonAnnotations", Json.map(n.commonAnnotations(), maxValue));
    body.put("externalURL", externalUrl);
    ArrayNode alerts = body.putArray("alerts");
    List<Alert> listed =
        config.maxAlerts() > 0
            ? n.alerts().stream().limit(config.maxAlerts()).toList()
            : n.alerts();
    for (Alert a : listed) {
      ObjectNode o = alerts.addObject();
      o.put("status", a.status().wire());
      o.set("labels", Json.map(a.labels(), maxValue));
      o.set("annotations", Json.map(a.annotations(), maxValue));
      o.put("startsAt", Json.time(a.startsAt()));
      o.put("endsAt", a.endsAt() == null ? "0001-01-01T00:00:00Z" : Json.time(a.endsAt()));
      o.put("generatorURL", Json.text(a.generatorUrl(), maxValue));
      o.put("fingerprint", a.fingerprint());
    }
    byte[] bytes = Json.bytes(body);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put(StandardWebhooks.ID, n.id());
    long ts = now.getEpochSecond();
    headers.put(StandardWebhooks.TIMESTAMP, Long.toString(ts));
    if (signer != null) {
      headers.put(StandardWebhooks.SIGNATURE, signer.sign(n.id(), ts, bytes));
    }
    return new HttpRequestSpec(target, config.url(), headers, bytes);
  }

  private int truncated(Notification n) {
    return config.maxAlerts() > 0 ? Math.max(0, n.alerts().size() - config.maxAlerts()) : 0;
  }
}
