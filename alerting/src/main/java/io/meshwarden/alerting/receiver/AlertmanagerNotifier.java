package io.meshwarden.alerting.receiver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.alerting.config.ReceiverConfig;
import io.meshwarden.alerting.grouping.Notification;
import io.meshwarden.alerting.model.Alert;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * {@code POST <url>/api/v2/alerts} with a JSON array of alerts. A firing alert has no {@code
 * endsAt}: Alertmanager keeps it active for its {@code resolve_timeout}, and the dispatcher
 * re-sends it every {@code resend_interval}, which must stay below that. A resolved alert carries
 * {@code endsAt}. Every URL (an HA pair) is its own target.
 */
final class AlertmanagerNotifier implements Notifier {

  private final ReceiverConfig.Alertmanager config;
  private final int maxValue;

  AlertmanagerNotifier(ReceiverConfig.Alertmanager config, int maxValue) {
    this.config = config;
    this.maxValue = maxValue;
  }

  @Override
  public int targets() {
    return config.urls().size();
  }

  @Override
  public HttpRequestSpec render(Notification n, int target, Instant now) {
    ArrayNode body = JsonNodeFactory.instance.arrayNode();
    for (Alert a : n.alerts()) {
      ObjectNode alert = body.addObject();
      alert.set("labels", Json.map(a.labels(), maxValue));
      alert.set("annotations", Json.map(a.annotations(), maxValue));
      alert.put("startsAt", Json.time(a.startsAt()));
      if (!a.firing()) {
        alert.put("endsAt", Json.time(a.endsAt()));
      }
      if (a.generatorUrl() != null) {
        alert.put("generatorURL", Json.text(a.generatorUrl(), maxValue));
      }
    }
    return new HttpRequestSpec(
        target,
        endpoint(config.urls().get(target)),
        Map.of("Content-Type", "application/json"),
        Json.bytes(body));
  }

  private static URI endpoint(URI base) {
    String s = base.toString();
    return URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + "/api/v2/alerts");
  }
}
