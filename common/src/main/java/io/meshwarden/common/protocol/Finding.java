package io.meshwarden.common.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * One finding: a rule's verdict about one subject, with its lifecycle state. Published to {@code
 * <prefix>.findings}, compacted, keyed by {@link #fingerprint()}.
 *
 * @param fingerprint stable identity: {@link #fingerprintOf(String, String, ObjectRef)}
 * @param code the meshwarden rule code, {@code MW} and four digits
 * @param istioCode the istioctl analyzer code for the same check ({@code IST0103}), or null
 * @param details rule-specific facts, e.g. expected and actual revision
 * @param labels routing labels added by policy, e.g. {@code team}
 * @param firstSeen when the condition was first seen true
 * @param lastSeen when the condition was last evaluated true
 * @param resolvedAt when the finding resolved, null while open
 * @param remediation where correcting it stands, null when the rule is not remediable
 */
public record Finding(
    String schema,
    String fingerprint,
    String cluster,
    ObjectRef subject,
    String code,
    String istioCode,
    Severity severity,
    State state,
    String message,
    Map<String, String> details,
    Map<String, String> labels,
    Instant firstSeen,
    Instant lastSeen,
    Instant resolvedAt,
    RemediationStatus remediation) {

  /** Lifecycle state on the wire. */
  public enum State {
    OPEN,
    RESOLVED
  }

  public Finding {
    schema = schema == null ? Schemas.FINDING : schema;
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(state, "state");
    fingerprint = fingerprint == null ? fingerprintOf(cluster, code, subject) : fingerprint;
    details = Facts.map(details);
    labels = Facts.map(labels);
  }

  /**
   * Where correcting a finding stands.
   *
   * @param requestId the idempotency id of the remediation request, if one was made
   * @param reason why it is in this state, e.g. the guard that skipped it
   */
  public record RemediationStatus(
      RemediationState state, String requestId, String reason, Instant updatedAt) {}

  /** Remediation progress as the finding reports it. */
  public enum RemediationState {
    NONE,
    PENDING,
    IN_PROGRESS,
    SUCCEEDED,
    FAILED,
    SKIPPED
  }

  /**
   * The fingerprint of a finding: the first 128 bits of SHA-256 over cluster, code and the
   * subject's kind, namespace and name, in hex. The uid is left out so a recreated object keeps its
   * finding.
   */
  public static String fingerprintOf(String cluster, String code, ObjectRef subject) {
    return fingerprintOf(cluster, code, subject, "");
  }

  /**
   * The fingerprint of one of several findings a rule reports about one subject (per port, per
   * match, per pair): {@code instance} tells it from the others and joins the hashed identity. An
   * empty instance gives {@link #fingerprintOf(String, String, ObjectRef)}, so a rule's only
   * finding about a subject keeps the fingerprint it always had.
   */
  public static String fingerprintOf(
      String cluster, String code, ObjectRef subject, String instance) {
    String identity =
        String.join("\u0000", cluster, code, subject.kind(), subject.namespace(), subject.name());
    if (instance != null && !instance.isEmpty()) {
      identity = identity + "\u0000" + instance;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** A copy of this finding resolved at {@code at}. */
  public Finding resolved(Instant at) {
    return new Finding(
        schema,
        fingerprint,
        cluster,
        subject,
        code,
        istioCode,
        severity,
        State.RESOLVED,
        message,
        details,
        labels,
        firstSeen,
        lastSeen,
        at,
        remediation);
  }
}
