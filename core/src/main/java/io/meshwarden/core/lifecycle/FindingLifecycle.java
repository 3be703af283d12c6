package io.meshwarden.core.lifecycle;

import io.meshwarden.common.protocol.CloudEventHeaders;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.RemediationRequest;
import io.meshwarden.core.lifecycle.Tracked.Phase;
import io.meshwarden.core.rules.RuleResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The findings lifecycle as a pure function: from what the store holds for one evaluation scope and
 * what the rules say now, the store changes and the records to publish. No Kafka here; the stream
 * edge applies the {@link Change}s.
 *
 * <ul>
 *   <li>A result seen for the first time is PENDING; it opens when it has held for its rule's
 *       {@code for} (at an evaluation or at a {@link #tick}).
 *   <li>A PENDING entry whose condition stops is forgotten, never published: no flapping.
 *   <li>An OPEN finding whose message, details or severity change is published again (updated).
 *   <li>An OPEN finding the rules no longer report resolves; after the retention it is tombstoned.
 * </ul>
 *
 * <p>{@code lastSeen} on the wire is the time of the last published event, not of the last
 * evaluation: re-publishing an unchanged finding after every evaluation would flood the topic.
 */
public final class FindingLifecycle {

  private final String cluster;
  private final LifecycleSettings settings;
  private final RemediationPolicy remediation;

  public FindingLifecycle(
      String cluster, LifecycleSettings settings, RemediationPolicy remediation) {
    this.cluster = cluster;
    this.settings = settings;
    this.remediation = remediation;
  }

  /**
   * One evaluation of a scope.
   *
   * @param current the scope's store entries by store key
   * @param keyOf the store key of a fingerprint in this scope
   * @param results what the rules report now
   * @param observedAt when the fact change that triggered the evaluation was observed, or null
   */
  public List<Change> evaluate(
      Map<String, Tracked> current,
      UnaryOperator<String> keyOf,
      List<RuleResult> results,
      Instant now,
      Instant observedAt) {
    List<Change> changes = new ArrayList<>();
    Map<String, RuleResult> byKey = new HashMap<>();
    for (RuleResult r : results) {
      byKey.put(keyOf.apply(r.fingerprint(cluster)), r);
    }
    byKey.forEach(
        (key, r) -> step(key, current.get(key), r, now, observedAt).ifPresent(changes::add));
    current.forEach(
        (key, t) -> {
          if (!byKey.containsKey(key)) {
            gone(key, t, now, observedAt).ifPresent(changes::add);
          }
        });
    return changes;
  }

  /**
   * Time passing without a change: PENDING entries whose hold ended open, RESOLVED entries past the
   * retention are tombstoned. The caller skips PENDING entries of scopes waiting for an evaluation.
   */
  public Optional<Change> tick(String key, Tracked t, Instant now) {
    return switch (t.phase()) {
      case PENDING -> held(t, now) ? Optional.of(open(key, t, now)) : Optional.empty();
      case RESOLVED ->
          t.finding().resolvedAt().plus(settings.retention()).isAfter(now)
              ? Optional.empty()
              : Optional.of(
                  new Change(key, null, List.of(new Emission.Tombstone(t.fingerprint()))));
      case OPEN -> Optional.empty();
    };
  }

  private Optional<Change> step(
      String key, Tracked t, RuleResult r, Instant now, Instant observedAt) {
    if (t == null || t.phase() == Phase.RESOLVED) {
      Tracked pending = new Tracked(Phase.PENDING, r.toFinding(cluster, now), now, observedAt);
      return Optional.of(held(pending, now) ? open(key, pending, now) : store(key, pending));
    }
    if (t.phase() == Phase.PENDING) {
      Finding latest = r.toFinding(cluster, t.since());
      Tracked next = new Tracked(Phase.PENDING, latest, t.since(), t.observedAt());
      if (held(next, now)) {
        return Optional.of(open(key, next, now));
      }
      return sameContent(latest, t.finding()) ? Optional.empty() : Optional.of(store(key, next));
    }
    Finding published = t.finding();
    Finding fresh = r.toFinding(cluster, published.firstSeen());
    if (sameContent(fresh, published)) {
      return Optional.empty();
    }
    Finding updated = withContent(published, fresh, now);
    Tracked next = new Tracked(Phase.OPEN, updated, t.since(), observedAt);
    return Optional.of(
        new Change(
            key,
            next,
            List.of(
                new Emission.FindingEvent(
                    CloudEventHeaders.TYPE_FINDING_UPDATED, updated, observedAt))));
  }

  private Optional<Change> gone(String key, Tracked t, Instant now, Instant observedAt) {
    return switch (t.phase()) {
      case PENDING -> Optional.of(new Change(key, null, List.of()));
      case OPEN -> {
        Finding resolved = t.finding().resolved(now);
        yield Optional.of(
            new Change(
                key,
                new Tracked(Phase.RESOLVED, resolved, t.since(), observedAt),
                List.of(
                    new Emission.FindingEvent(
                        CloudEventHeaders.TYPE_FINDING_RESOLVED, resolved, observedAt))));
      }
      case RESOLVED -> Optional.empty();
    };
  }

  private boolean held(Tracked t, Instant now) {
    return !t.since().plus(settings.holdOf(t.finding().code())).isAfter(now);
  }

  private Change open(String key, Tracked pending, Instant now) {
    Finding f = pending.finding();
    Optional<RemediationRequest> request = remediation.requestFor(f, pending.since(), now);
    Finding opened =
        new Finding(
            f.schema(),
            f.fingerprint(),
            f.cluster(),
            f.subject(),
            f.code(),
            f.istioCode(),
            f.severity(),
            Finding.State.OPEN,
            f.message(),
            f.details(),
            f.labels(),
            pending.since(),
            now,
            null,
            request
                .map(
                    q ->
                        new Finding.RemediationStatus(
                            Finding.RemediationState.PENDING, q.id(), null, now))
                .orElse(null));
    List<Emission> out = new ArrayList<>();
    out.add(
        new Emission.FindingEvent(
            CloudEventHeaders.TYPE_FINDING_OPENED, opened, latencyFrom(pending)));
    request.ifPresent(q -> out.add(new Emission.Request(q)));
    return new Change(
        key, new Tracked(Phase.OPEN, opened, pending.since(), pending.observedAt()), out);
  }

  /**
   * Where end-to-end latency of an opening starts: the fact's observation, or the end of the hold
   * when the hold ended later (the hold is a wait by design, not a delay to measure).
   */
  private Instant latencyFrom(Tracked pending) {
    if (pending.observedAt() == null) {
      return null;
    }
    Instant holdEnd = pending.since().plus(settings.holdOf(pending.finding().code()));
    return holdEnd.isAfter(pending.observedAt()) ? holdEnd : pending.observedAt();
  }

  private static Change store(String key, Tracked t) {
    return new Change(key, t, List.of());
  }

  /** Equal in what a consumer acts on: message, details, severity and istioctl code. */
  static boolean sameContent(Finding a, Finding b) {
    return Objects.equals(a.message(), b.message())
        && a.details().equals(b.details())
        && a.severity() == b.severity()
        && Objects.equals(a.istioCode(), b.istioCode());
  }

  private static Finding withContent(Finding published, Finding fresh, Instant now) {
    return new Finding(
        published.schema(),
        published.fingerprint(),
        published.cluster(),
        fresh.subject(),
        published.code(),
        fresh.istioCode(),
        fresh.severity(),
        Finding.State.OPEN,
        fresh.message(),
        fresh.details(),
        published.labels(),
        published.firstSeen(),
        now,
        null,
        published.remediation());
  }
}
