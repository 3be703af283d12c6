package io.meshwarden.common.protocol;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The audit record of one remediation attempt, published to {@code <prefix>.remediations}: what was
 * done, to what, by whom and how it ended.
 *
 * @param requestId the id of the request it answers
 * @param actor the executor instance that acted (pod name)
 * @param reason a short machine-readable reason, e.g. the guard that skipped it
 * @param message a human-readable sentence
 */
public record RemediationRecord(
    String schema,
    String requestId,
    String cluster,
    ObjectRef target,
    RemediationAction action,
    Outcome outcome,
    String reason,
    String message,
    String actor,
    Instant startedAt,
    Instant finishedAt,
    Map<String, String> details) {

  /** How an attempt ended. */
  public enum Outcome {
    STARTED,
    SUCCEEDED,
    FAILED,
    SKIPPED,
    HALTED
  }

  public RemediationRecord {
    schema = schema == null ? Schemas.REMEDIATION_RECORD : schema;
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(outcome, "outcome");
    details = Facts.map(details);
  }
}
