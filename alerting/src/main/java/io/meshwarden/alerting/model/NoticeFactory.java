package io.meshwarden.alerting.model;

import io.meshwarden.common.protocol.RemediationRecord;
import io.meshwarden.common.protocol.RemediationRecord.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a {@link RemediationRecord} into an action notice: a firing {@link Alert} that is told once
 * and never resolved. Labels: {@code alertname} = {@value #ALERTNAME}, {@code code} = the record's
 * reason (or {@value #ALERTNAME} when it has none), {@code cluster}, {@code namespace}, {@code
 * kind}, {@code name}, {@code outcome} (upper case, as on the wire), {@code action} (lower case)
 * and {@code severity} ({@code warning} for FAILED and HALTED, {@code info} otherwise). The
 * fingerprint is derived from the request id and the outcome, so a record written twice is one
 * notice.
 *
 * @param generatorBaseUrl base of {@code generatorURL}; the request id is appended as a fragment
 */
public record NoticeFactory(String generatorBaseUrl) {

  /** {@code alertname} of every action notice, and {@code code} when the record has no reason. */
  public static final String ALERTNAME = "remediation";

  /** The notice for {@code record}; a record without times starts at {@code now}. */
  public Alert fromRecord(RemediationRecord record, Instant now) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", ALERTNAME);
    labels.put("code", blank(record.reason()) ? ALERTNAME : record.reason());
    labels.put("cluster", record.cluster());
    labels.put("namespace", record.target().namespace());
    labels.put("kind", record.target().kind());
    labels.put("name", record.target().name());
    labels.put("outcome", record.outcome().name());
    if (record.action() != null) {
      labels.put("action", record.action().name().toLowerCase(Locale.ROOT));
    }
    labels.put("severity", severity(record.outcome()));
    labels.values().removeIf(v -> v == null || v.isEmpty());

    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", summary(record));
    annotations.put("description", description(record));
    annotations.put("request_id", record.requestId());
    Instant start =
        record.finishedAt() != null
            ? record.finishedAt()
            : record.startedAt() != null ? record.startedAt() : now;
    return new Alert(
        fingerprint(record),
        labels,
        annotations,
        Alert.Status.FIRING,
        start,
        null,
        generatorBaseUrl + "#" + record.requestId());
  }

  /** 32 hex digits of SHA-256 over the request id and outcome. */
  public static String fingerprint(RemediationRecord record) {
    String text = "remediation/" + record.requestId() + "/" + record.outcome().name();
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String severity(Outcome outcome) {
    return outcome == Outcome.FAILED || outcome == Outcome.HALTED ? "warning" : "info";
  }

  private static String summary(RemediationRecord r) {
    String action = r.action() == null ? "remediation" : r.action().name().toLowerCase(Locale.ROOT);
    String where = r.target().namespace().isEmpty() ? "" : r.target().namespace() + "/";
    String base =
        action
            + " of "
            + r.target().kind()
            + " "
            + where
            + r.target().name()
            + " in "
            + r.cluster()
            + ": "
            + r.outcome().name();
    return blank(r.message()) ? base : base + " (" + r.message() + ")";
  }

  private static String description(RemediationRecord r) {
    String details =
        r.details().entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining("; "));
    StringBuilder b = new StringBuilder(summary(r));
    if (!blank(r.reason())) {
      b.append("; reason: ").append(r.reason());
    }
    if (!blank(r.actor())) {
      b.append("; by ").append(r.actor());
    }
    if (!details.isEmpty()) {
      b.append("; ").append(details);
    }
    return b.toString();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
