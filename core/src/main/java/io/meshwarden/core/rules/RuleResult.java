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
 * @param instance empty when this is the rule's only result for its subject; else what tells it
 *     from the rule's other results for the same subject (its message: a rule that reports one
 *     object several times, as istioctl does per port, per match or per pair, says each time what
 *     the result is about), so each is a finding of its own ({@link RuleEngine} sets it)
 */
public record RuleResult(
    String code,
    String istioCode,
    Severity severity,
    ObjectRef subject,
    String message,
    Map<String, String> details,
    String instance) {

  public RuleResult {
    details = Map.copyOf(details);
    instance = instance == null ? "" : instance;
  }

  /** A result that is the only one of its rule for its subject. */
  public RuleResult(
      String code,
      String istioCode,
      Severity severity,
      ObjectRef subject,
      String message,
      Map<String, String> details) {
    this(code, istioCode, severity, subject, message, details, "");
  }

  /** This result told apart from its rule's other results for the same subject. */
  public RuleResult withInstance(String value) {
    return new RuleResult(code, istioCode, severity, subject, message, details, value);
  }

  /** The fingerprint of the finding this result is in {@code cluster}. */
  public String fingerprint(String cluster) {
    return Finding.fingerprintOf(cluster, code, subject, instance);
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
        fingerprint(cluster),
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
