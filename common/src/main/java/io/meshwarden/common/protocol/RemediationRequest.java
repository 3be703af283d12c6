package io.meshwarden.common.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request to correct one workload, published to {@code <prefix>.<cluster>.remediation-requests}
 * keyed by {@link ObjectRef#key()}. The executor acts at most once per {@link #id()}.
 *
 * @param id idempotency id: a redelivered request with the same id is not acted on twice
 * @param target the workload to act on
 * @param reasonCode the rule code that asked for it
 * @param fingerprints the findings this request should resolve
 * @param expectedRevision the revision the workload's pods should end up injected by, if any
 */
public record RemediationRequest(
    String schema,
    String id,
    String cluster,
    ObjectRef target,
    RemediationAction action,
    String reasonCode,
    List<String> fingerprints,
    String expectedRevision,
    Instant requestedAt,
    String requestedBy) {

  public RemediationRequest {
    schema = schema == null ? Schemas.REMEDIATION_REQUEST : schema;
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(action, "action");
    fingerprints = Facts.list(fingerprints);
  }
}
