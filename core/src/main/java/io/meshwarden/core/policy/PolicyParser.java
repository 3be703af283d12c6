package io.meshwarden.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.config.Durations;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.core.policy.InjectionPolicy.Alerting;
import io.meshwarden.core.policy.InjectionPolicy.Mode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an {@code InjectionPolicy} object (a JSON tree) into a {@link ParsedPolicy}. It checks what
 * the CRD's OpenAPI schema cannot (cron syntax, time zones, durations, cross-field rules) and never
 * throws: a bad policy becomes {@link ParsedPolicy.Invalid} naming the field.
 */
public final class PolicyParser {

  private static final Set<String> SEVERITIES = Set.of("CRITICAL", "ERROR", "WARNING", "INFO");

  private PolicyParser() {}

  /** Thrown inside the parser for a bad field; never escapes {@link #parse}. */
  private static final class Bad extends RuntimeException {
    private final String field;

    Bad(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  /** Parses one policy object. */
  public static ParsedPolicy parse(JsonNode object) {
    JsonNode meta = object.path("metadata");
    String name = meta.path("name").asText("");
    long generation = meta.path("generation").asLong(0);
    try {
      JsonNode spec = object.path("spec");
      RemediationSettings remediation = remediation(spec.path("remediation"));
      return new ParsedPolicy.Valid(
          new InjectionPolicy(
              name,
              generation,
              selector(spec.path("namespaceSelector"), "spec.namespaceSelector"),
              selector(spec.path("workloadSelector"), "spec.workloadSelector"),
              spec.path("requireInjection").asBoolean(true),
              text(spec, "revision"),
              mode(spec.path("mode")),
              remediation,
              alerting(spec.path("alerting")),
              resume(meta.path("annotations").path(InjectionPolicy.RESUME_ANNOTATION))));
    } catch (Bad e) {
      return new ParsedPolicy.Invalid(name, generation, e.field, e.getMessage());
    }
  }

  private static Mode mode(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return Mode.AUDIT;
    }
    return switch (node.asText()) {
      case "audit" -> Mode.AUDIT;
      case "enforce" -> Mode.ENFORCE;
      default ->
          throw new Bad("spec.mode", "mode must be audit or enforce, not '" + node.asText() + "'");
    };
  }

  private static RemediationSettings remediation(JsonNode r) {
    RemediationSettings d = RemediationSettings.DEFAULTS;
    int maxConcurrent = positive(r, "maxConcurrent", d.maxConcurrent());
    int perNamespace = positive(r, "maxConcurrentPerNamespace", maxConcurrent);
    List<MaintenanceWindow> windows = new ArrayList<>();
    JsonNode ws = r.path("windows");
    for (int i = 0; i < ws.size(); i++) {
      windows.add(window(ws.get(i), "spec.remediation.windows[" + i + "]"));
    }
    List<String> excludes = new ArrayList<>();
    r.path("excludeWorkloads").forEach(n -> excludes.add(n.asText()));
    return new RemediationSettings(
        maxConcurrent,
        perNamespace,
        r.path("canary").asBoolean(false),
        positive(r, "waveSize", maxConcurrent),
        duration(r, "minWaveInterval", d.minWaveInterval(), "spec.remediation.minWaveInterval"),
        duration(r, "cooldown", d.cooldown(), "spec.remediation.cooldown"),
        windows,
        excludes);
  }

  private static MaintenanceWindow window(JsonNode w, String field) {
    CronExpression cron;
    try {
      cron = CronExpression.parse(text(w, "cron"));
    } catch (IllegalArgumentException e) {
      throw new Bad(field + ".cron", e.getMessage());
    }
    Duration length = duration(w, "duration", null, field + ".duration");
    if (length == null || length.isZero() || length.compareTo(MaintenanceWindow.MAX_DURATION) > 0) {
      throw new Bad(field + ".duration", "duration must be set, above zero and at most 7d");
    }
    String zone = text(w, "timeZone");
    try {
      return new MaintenanceWindow(cron, length, zone == null ? ZoneId.of("UTC") : ZoneId.of(zone));
    } catch (DateTimeException e) {
      throw new Bad(field + ".timeZone", "unknown time zone '" + zone + "'");
    }
  }

  private static Alerting alerting(JsonNode a) {
    Map<String, String> labels = new LinkedHashMap<>();
    a.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    String severity = text(a, "severity");
    if (severity != null) {
      severity = severity.toUpperCase(Locale.ROOT);
      if (!SEVERITIES.contains(severity)) {
        throw new Bad("spec.alerting.severity", "severity must be one of " + SEVERITIES);
      }
    }
    return new Alerting(labels, severity);
  }

  /**
   * A policy's selector. An absent one covers everything, as an empty one does; one the Kubernetes
   * API would refuse makes the policy invalid rather than cover nothing in silence.
   */
  private static LabelSelector selector(JsonNode s, String field) {
    if (s.isMissingNode() || s.isNull()) {
      return LabelSelector.EVERYTHING;
    }
    if (!s.isObject()) {
      throw new Bad(field, "must be a label selector object");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    JsonNode matchLabels = s.path("matchLabels");
    if (!matchLabels.isMissingNode() && !matchLabels.isNull() && !matchLabels.isObject()) {
      throw new Bad(field + ".matchLabels", "must be a map of label names to values");
    }
    for (Map.Entry<String, JsonNode> e : matchLabels.properties()) {
      if (!e.getValue().isTextual()) {
        throw new Bad(field + ".matchLabels." + e.getKey(), "the value must be a string");
      }
      labels.put(e.getKey(), e.getValue().asText());
    }
    List<LabelSelector.Requirement> reqs = new ArrayList<>();
    JsonNode exprs = s.path("matchExpressions");
    if (!exprs.isMissingNode() && !exprs.isNull() && !exprs.isArray()) {
      throw new Bad(field + ".matchExpressions", "must be a list");
    }
    for (int i = 0; i < exprs.size(); i++) {
      String at = field + ".matchExpressions[" + i + "]";
      LabelSelector.Requirement r = requirement(exprs.get(i), at);
      r.problem()
          .ifPresent(
              p -> {
                throw new Bad(at, p);
              });
      reqs.add(r);
    }
    LabelSelector selector = new LabelSelector(labels, reqs);
    selector
        .problem()
        .ifPresent(
            p -> {
              throw new Bad(field + ".matchLabels", p);
            });
    return selector;
  }

  private static LabelSelector.Requirement requirement(JsonNode e, String field) {
    if (!e.isObject() || !e.path("key").isTextual() || !e.path("operator").isTextual()) {
      throw new Bad(field, "needs a string key and a string operator");
    }
    JsonNode values = e.path("values");
    if (!values.isMissingNode() && !values.isNull() && !values.isArray()) {
      throw new Bad(field + ".values", "must be a list of strings");
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode v : values) {
      if (!v.isTextual()) {
        throw new Bad(field + ".values", "must be a list of strings");
      }
      texts.add(v.asText());
    }
    return new LabelSelector.Requirement(
        e.path("key").asText(), e.path("operator").asText(), texts);
  }

  private static Instant resume(JsonNode node) {
    if (node.isMissingNode() || node.asText().isBlank()) {
      return null;
    }
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeException e) {
      throw new Bad(
          "metadata.annotations." + InjectionPolicy.RESUME_ANNOTATION,
          "resume annotation must be an RFC 3339 time such as 2026-11-24T14:00:00Z");
    }
  }

  private static int positive(JsonNode parent, String key, int fallback) {
    JsonNode n = parent.path(key);
    if (n.isMissingNode() || n.isNull()) {
      return fallback;
    }
    if (!n.canConvertToInt() || n.asInt() < 1) {
      throw new Bad("spec.remediation." + key, key + " must be a whole number of at least 1");
    }
    return n.asInt();
  }

  private static Duration duration(JsonNode parent, String key, Duration fallback, String field) {
    String s = text(parent, key);
    if (s == null) {
      return fallback;
    }
    try {
      return Durations.parse(s);
    } catch (RuntimeException e) {
      throw new Bad(field, e.getMessage());
    }
  }

  private static String text(JsonNode parent, String key) {
    JsonNode n = parent.path(key);
    return n.isMissingNode() || n.isNull() || n.asText().isEmpty() ? null : n.asText();
  }
}
