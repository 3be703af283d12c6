package io.meshwarden.alerting.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code receivers} list of the routing file and each receiver's delivery policy. */
final class ReceiverReader {

  static final URI PAGERDUTY_EVENTS = URI.create("https://events.pagerduty.com/v2/enqueue");
  private static final Set<String> TYPES =
      Set.of("alertmanager", "slack", "pagerduty", "teams", "webhook");
  private static final Set<String> POLICY_KEYS =
      Set.of(
          "timeout",
          "max_concurrency",
          "min_interval",
          "initial_backoff",
          "max_backoff",
          "backoff_multiplier",
          "jitter",
          "max_attempts",
          "max_retry_time",
          "breaker_threshold",
          "breaker_open_for");

  private final Map<String, String> env;

  ReceiverReader(Map<String, String> env) {
    this.env = env;
  }

  Map<String, ReceiverConfig> readAll(Fields top, DeliveryPolicy defaults, List<String> problems) {
    Map<String, ReceiverConfig> out = new LinkedHashMap<>();
    JsonNode list = top.raw("receivers");
    if (list == null || !list.isArray() || list.isEmpty()) {
      problems.add("receivers: required, a non-empty list");
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      Fields f = new Fields(list.get(i), "receivers[" + i + "]", problems, env);
      String name = f.requiredString("name");
      List<String> types = new ArrayList<>();
      TYPES.forEach(
          t -> {
            if (f.has(t)) types.add(t);
          });
      Set<String> known = new java.util.HashSet<>(TYPES);
      known.add("name");
      f.rejectUnknown(known);
      if (types.size() != 1) {
        f.problem("name", "a receiver needs exactly one of " + TYPES + ", found " + types);
        continue;
      }
      ReceiverConfig r = receiver(name, types.get(0), f.child(types.get(0)), defaults);
      if (name != null && out.putIfAbsent(name, r) != null) {
        f.problem("name", "receiver '" + name + "' is defined twice");
      }
    }
    return out;
  }

  private ReceiverConfig receiver(String name, String type, Fields f, DeliveryPolicy defaults) {
    Set<String> common = Set.of("send_resolved", "delivery");
    DeliveryPolicy policy = policy(f.child("delivery"), defaults);
    boolean resolved = f.bool("send_resolved", true);
    return switch (type) {
      case "alertmanager" -> {
        f.rejectUnknown(Set.of("urls", "resend_interval", "delivery"));
        List<URI> urls = new ArrayList<>();
        List<String> texts = f.strings("urls");
        if (texts.isEmpty()) {
          f.problem("urls", "required, one or more Alertmanager base URLs");
        }
        for (int i = 0; i < texts.size(); i++) {
          URI u = f.parseUri("urls[" + i + "]", texts.get(i));
          if (u != null) {
            urls.add(u);
          }
        }
        Duration resend = f.duration("resend_interval", Duration.ofMinutes(1));
        if (resend.isZero()) {
          f.problem("resend_interval", "must be longer than zero");
          resend = Duration.ofMinutes(1);
        }
        yield new ReceiverConfig.Alertmanager(name, urls, resend, policy);
      }
      case "slack" -> {
        f.rejectUnknown(with(common, "url", "text"));
        Secret url = secretUrl(f, "url");
        // Slack takes about one message per second per webhook.
        DeliveryPolicy slack =
            f.child("delivery").has("min_interval")
                ? policy
                : policy.withMinInterval(Duration.ofSeconds(1));
        yield new ReceiverConfig.Slack(
            name, url, resolved, f.string("text", DefaultTemplates.SLACK), slack);
      }
      case "pagerduty" -> {
        f.rejectUnknown(with(common, "url", "routing_key", "summary"));
        URI url = f.has("url") ? f.uri("url", true) : PAGERDUTY_EVENTS;
        yield new ReceiverConfig.PagerDuty(
            name,
            url,
            f.secret("routing_key", true),
            resolved,
            f.string("summary", DefaultTemplates.PAGERDUTY_SUMMARY),
            policy);
      }
      case "teams" -> {
        f.rejectUnknown(with(common, "url", "text"));
        yield new ReceiverConfig.Teams(
            name, secretUrl(f, "url"), resolved, f.string("text", DefaultTemplates.TEAMS), policy);
      }
      default -> {
        f.rejectUnknown(with(common, "url", "secret", "max_alerts"));
        yield new ReceiverConfig.Webhook(
            name,
            f.uri("url", true),
            f.secret("secret", false),
            resolved,
            f.integer("max_alerts", 0, 0, 100_000),
            policy);
      }
    };
  }

  DeliveryPolicy policy(Fields f, DeliveryPolicy d) {
    f.rejectUnknown(POLICY_KEYS);
    return new DeliveryPolicy(
        f.duration("timeout", d.timeout()),
        f.integer("max_concurrency", d.maxConcurrency(), 1, 256),
        f.duration("min_interval", d.minInterval()),
        f.duration("initial_backoff", d.initialBackoff()),
        f.duration("max_backoff", d.maxBackoff()),
        f.decimal("backoff_multiplier", d.multiplier(), 1.0, 10.0),
        f.decimal("jitter", d.jitter(), 0.0, 1.0),
        f.integer("max_attempts", d.maxAttempts(), 1, 10_000),
        f.duration("max_retry_time", d.maxRetryTime()),
        f.integer("breaker_threshold", d.breakerThreshold(), 1, 10_000),
        f.duration("breaker_open_for", d.breakerOpenFor()));
  }

  private static Secret secretUrl(Fields f, String key) {
    Secret s = f.secret(key, true);
    if (s != null && f.parseUri(key, s.reveal()) == null) {
      return null;
    }
    return s;
  }

  private static Set<String> with(Set<String> base, String... more) {
    Set<String> out = new java.util.HashSet<>(base);
    out.addAll(List.of(more));
    return out;
  }
}
