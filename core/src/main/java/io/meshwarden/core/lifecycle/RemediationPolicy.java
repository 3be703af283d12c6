package io.meshwarden.core.lifecycle;

import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.RemediationAction;
import io.meshwarden.common.protocol.RemediationRequest;
import io.meshwarden.core.rules.Remedy;
import io.meshwarden.core.rules.Rule;
import io.meshwarden.core.rules.RuleCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which findings ask for a remediation, and what to ask. A finding qualifies when the catalogue
 * entry of its rule names a restart as its {@link Remedy} (today sidecar missing, unexpected
 * sidecar, revision drift and proxy image drift); the expected revision is read back by the rule
 * that wrote it. Workload controllers get a rolling restart; a bare pod gets a delete request (the
 * executor records it as needing a person).
 *
 * <p>The request id is a name-based UUID of the fingerprint and the moment the finding's run began,
 * so producing the same opening twice (a replayed transaction) gives the same id, while a finding
 * that resolves and opens again asks anew.
 */
public final class RemediationPolicy {

  private static final Set<String> RESTARTABLE = Set.of("Deployment", "StatefulSet", "DaemonSet");

  private final String requestedBy;

  /** A policy whose requests name {@code requestedBy} (e.g. {@code reconciler/<cluster>}). */
  public RemediationPolicy(String requestedBy) {
    this.requestedBy = requestedBy;
  }

  /** The request for a finding that just opened, if its rule and subject are remediable. */
  public Optional<RemediationRequest> requestFor(Finding finding, Instant since, Instant now) {
    Optional<Rule> rule =
        RuleCatalog.byCode(finding.code()).filter(r -> r.info().remedy().restarts());
    if (rule.isEmpty()) {
      return Optional.empty();
    }
    ObjectRef target = finding.subject();
    RemediationAction action;
    if (RESTARTABLE.contains(target.kind())) {
      action = RemediationAction.ROLLING_RESTART;
    } else if ("Pod".equals(target.kind())) {
      action = RemediationAction.DELETE_POD;
    } else {
      return Optional.empty();
    }
    return Optional.of(
        new RemediationRequest(
            null,
            requestId(finding.fingerprint(), since),
            finding.cluster(),
            target,
            action,
            finding.code(),
            List.of(finding.fingerprint()),
            rule.get().expectedRevision(finding.details()).orElse(null),
            now,
            requestedBy));
  }

  /** The idempotency id of the request for one run of a finding. */
  static String requestId(String fingerprint, Instant since) {
    byte[] name = (fingerprint + "@" + since.toEpochMilli()).getBytes(StandardCharsets.UTF_8);
    return UUID.nameUUIDFromBytes(name).toString();
  }
}
