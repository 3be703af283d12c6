package io.meshwarden.alerting.model;

import io.meshwarden.common.protocol.Finding;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a finding into an {@link Alert}: {@code alertname} is the rule code, then {@code cluster},
 * {@code namespace}, {@code kind}, {@code name}, {@code severity} (lower case), {@code code},
 * {@code istio_code} and the finding's policy labels ({@code team}, ...) with names made valid for
 * Alertmanager. Labels derived from the finding win over policy labels of the same name.
 *
 * @param runbookBaseUrl the rule pages' base; {@code runbook_url} is this plus the code in lower
 *     case
 * @param generatorBaseUrl base of {@code generatorURL}; the fingerprint is appended as a fragment
 */
public record AlertFactory(String runbookBaseUrl, String generatorBaseUrl) {

  /** The alert for {@code finding}; a RESOLVED finding without {@code resolvedAt} ends at now. */
  public Alert fromFinding(Finding finding, Instant now) {
    Map<String, String> labels = new LinkedHashMap<>();
    finding.labels().forEach((k, v) -> labels.put(LabelNames.sanitize(k), v));
    labels.put("alertname", finding.code());
    labels.put("code", finding.code());
    labels.put("cluster", finding.cluster());
    putIfPresent(labels, "namespace", finding.subject().namespace());
    labels.put("kind", finding.subject().kind());
    labels.put("name", finding.subject().name());
    labels.put("severity", finding.severity().name().toLowerCase(Locale.ROOT));
    putIfPresent(labels, "istio_code", finding.istioCode());
    labels.values().removeIf(v -> v == null || v.isEmpty());

    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", summary(finding));
    annotations.put("description", description(finding));
    annotations.put("runbook_url", runbookUrl(finding.code()));
    boolean resolved = finding.state() == Finding.State.RESOLVED;
    Instant start = finding.firstSeen() != null ? finding.firstSeen() : now;
    Instant end = resolved ? (finding.resolvedAt() != null ? finding.resolvedAt() : now) : null;
    return new Alert(
        finding.fingerprint(),
        labels,
        annotations,
        resolved ? Alert.Status.RESOLVED : Alert.Status.FIRING,
        start,
        end,
        generatorBaseUrl + "#" + finding.fingerprint());
  }

  /** The page that explains {@code code}. */
  public String runbookUrl(String code) {
    return runbookBaseUrl + code.toLowerCase(Locale.ROOT);
  }

  private static String summary(Finding f) {
    if (f.message() != null && !f.message().isBlank()) {
      return f.message();
    }
    String where = f.subject().namespace() == null ? "" : f.subject().namespace() + "/";
    return f.code() + " on " + f.subject().kind() + " " + where + f.subject().name();
  }

  private static String description(Finding f) {
    String details =
        f.details().entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining("; "));
    String base = summary(f);
    return details.isEmpty() ? base : base + " (" + details + ")";
  }

  private static void putIfPresent(Map<String, String> labels, String key, String value) {
    if (value != null && !value.isEmpty()) {
      labels.put(key, value);
    }
  }
}
