package io.meshwarden.alerting.receiver;

import io.meshwarden.alerting.config.ReceiverConfig;
import io.meshwarden.alerting.config.RoutingConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the notifier of each receiver. */
public final class Notifiers {

  private Notifiers() {}

  /** One notifier per receiver, by name; {@code externalUrl} goes into webhook bodies. */
  public static Map<String, Notifier> of(RoutingConfig config, String externalUrl) {
    Map<String, Notifier> out = new LinkedHashMap<>();
    for (ReceiverConfig r : config.receiverList()) {
      out.put(r.name(), of(r, externalUrl, config.maxValueChars()));
    }
    return out;
  }

  /** The notifier of one receiver. */
  public static Notifier of(ReceiverConfig r, String externalUrl, int maxValue) {
    if (r instanceof ReceiverConfig.Alertmanager am) {
      return new AlertmanagerNotifier(am, maxValue);
    } else if (r instanceof ReceiverConfig.Slack slack) {
      return new SlackNotifier(slack, maxValue);
    } else if (r instanceof ReceiverConfig.PagerDuty pd) {
      return new PagerDutyNotifier(pd, maxValue);
    } else if (r instanceof ReceiverConfig.Teams teams) {
      return new TeamsNotifier(teams, maxValue);
    }
    return new WebhookNotifier((ReceiverConfig.Webhook) r, externalUrl, maxValue);
  }
}
