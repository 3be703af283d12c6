package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One rule's verdict about one subject, before the findings lifecycle gives it a state.
 *
 * @param istioCode the istioctl code for this particular result (a rule may match istioctl only for
 *     some of its cases), or null
 * @param details rule-specific facts, sorted by key
 */
public record RuleResult(
    String code,
    String istioCode,
    Severity severity,
    ObjectRef subject,
    String message,
    Map<String, String> details) {

  public RuleResult {
    details = Map.copyOf(details);
  }

  /** A result of {@code rule} with the rule's own istioctl code. */
  public static RuleResult of(
      RuleInfo rule, ObjectRef subject, String message, Map<String, String> details) {
    return new RuleResult(
        rule.code(), rule.istioCode(), rule.severity(), subject, message, details);
  }

  /** The details in key order. */
  public Map<String, String> sortedDetails() {
    return new TreeMap<>(details);
  }

  /** An OPEN finding for {@code cluster}, first and last seen {@code at}. */
  public Finding toFinding(String cluster, Instant at) {
    return new Finding(
        null,
        null,
        cluster,
        subject,
        code,
        istioCode,
        severity,
        Finding.State.OPEN,
        message,
        details,
        null,
        at,
        at,
        null,
        null);
  }
}
