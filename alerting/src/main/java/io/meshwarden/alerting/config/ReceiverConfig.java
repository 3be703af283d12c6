package io.meshwarden.alerting.config;

import io.meshwarden.common.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A receiver: where notifications go and in which format. URLs that carry a credential (Slack and
 * Teams webhooks) are {@link Secret}s, shown masked and never logged.
 */
public sealed interface ReceiverConfig {

  /** The receiver's name, referenced by routes. */
  String name();

  /** Whether resolved alerts are notified. */
  boolean sendResolved();

  /** How it is called. */
  DeliveryPolicy delivery();

  /** The type's name as written in the configuration. */
  String type();

  /**
   * The period at which firing alerts are sent again whatever the route's repeat interval, or null:
   * Alertmanager needs open alerts re-sent below its {@code resolve_timeout}.
   */
  default Duration resendInterval() {
    return null;
  }

  /** Prometheus Alertmanager API v2; every URL (an HA pair) receives every alert. */
  record Alertmanager(String name, List<URI> urls, Duration resendInterval, DeliveryPolicy delivery)
      implements ReceiverConfig {
    @Override
    public boolean sendResolved() {
      return true;
    }

    @Override
    public String type() {
      return "alertmanager";
    }
  }

  /** Slack incoming webhook; {@code text} is the Mustache template of the message. */
  record Slack(String name, Secret url, boolean sendResolved, String text, DeliveryPolicy delivery)
      implements ReceiverConfig {
    @Override
    public String type() {
      return "slack";
    }
  }

  /** PagerDuty Events API v2; {@code summary} is the Mustache template of the summary. */
  record PagerDuty(
      String name,
      URI url,
      Secret routingKey,
      boolean sendResolved,
      String summary,
      DeliveryPolicy delivery)
      implements ReceiverConfig {
    @Override
    public String type() {
      return "pagerduty";
    }
  }

  /** Microsoft Teams Workflows webhook taking an Adaptive Card. */
  record Teams(String name, Secret url, boolean sendResolved, String text, DeliveryPolicy delivery)
      implements ReceiverConfig {
    @Override
    public String type() {
      return "teams";
    }
  }

  /**
   * A JSON webhook shaped like Alertmanager's, signed as Standard Webhooks 1.0 specifies when a
   * secret is set ({@code whsec_} and base64, or any text used as the key's bytes).
   *
   * @param maxAlerts the most alerts in one body; 0 for no limit (the count is in {@code
   *     truncatedAlerts})
   */
  record Webhook(
      String name,
      URI url,
      Secret secret,
      boolean sendResolved,
      int maxAlerts,
      DeliveryPolicy delivery)
      implements ReceiverConfig {
    @Override
    public String type() {
      return "webhook";
    }
  }
}
