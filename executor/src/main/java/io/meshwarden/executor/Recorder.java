package io.meshwarden.executor;

import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.RemediationAction;
import io.meshwarden.common.protocol.RemediationRecord;
import io.meshwarden.common.protocol.RemediationRecord.Outcome;
import io.meshwarden.common.protocol.RemediationRequest;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.policy.InjectionPolicy;
import io.meshwarden.core.remediation.ExecutorFinding;
import io.meshwarden.core.remediation.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every decision and action three ways: a {@link RemediationRecord} on the audit topic, an
 * Event on the workload, and a counter ({@code meshwarden_remediation_total{outcome,reason}});
 * opens and resolves the executor's own findings. Keeps per-policy counts for the policy status.
 */
final class Recorder {

  private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);

  private final String cluster;
  private final String actor;
  private final RecordSink sink;
  private final KubeEvents events;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<String, Map<String, Long>> countsByPolicy = new ConcurrentHashMap<>();

  Recorder(
      String cluster,
      String actor,
      RecordSink sink,
      KubeEvents events,
      MeterRegistry meters,
      Clock clock) {
    this.cluster = cluster;
    this.actor = actor;
    this.sink = sink;
    this.events = events;
    this.meters = meters;
    this.clock = clock;
  }

  /** Records one outcome of {@code request}; {@code policy} may be null. */
  void record(
      RemediationRequest request,
      Outcome outcome,
      Reason reason,
      String message,
      Instant startedAt,
      String policy,
      Map<String, String> details) {
    Instant now = clock.instant();
    boolean terminal = outcome != Outcome.STARTED;
    RemediationRecord record =
        new RemediationRecord(
            null,
            request.id(),
            cluster,
            request.target(),
            request.action(),
            outcome,
            reason.code(),
            message,
            actor,
            startedAt == null ? now : startedAt,
            terminal ? now : null,
            details);
    sink.record(record);
    LOG.info(
        "Remediation {} {} {}: {} ({})",
        request.id(),
        outcome,
        request.target().key(),
        message,
        reason.code());
    if (events != null && !request.target().namespace().isEmpty()) {
      boolean warning =
          outcome == Outcome.FAILED
              || outcome == Outcome.HALTED
              || reason == Reason.INJECTOR_UNHEALTHY;
      events.emit(request.target(), reason, actionVerb(outcome), message, warning);
    }
    Counter.builder("meshwarden.remediation")
        .description("Remediation decisions and outcomes of the executor")
        .tag("outcome", outcome.name())
        .tag("reason", reason.code())
        .register(meters)
        .increment();
    if (policy != null) {
      countsByPolicy
          .computeIfAbsent(policy, k -> new ConcurrentHashMap<>())
          .merge(outcome.name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
    }
  }

  /** Opens (or, with {@code resolved}, resolves) one of the executor's own findings. */
  void finding(
      ExecutorFinding code,
      ObjectRef subject,
      String message,
      InjectionPolicy policy,
      Map<String, String> details,
      boolean resolved) {
    Instant now = clock.instant();
    Severity severity = code.severity();
    Map<String, String> labels = new HashMap<>();
    if (policy != null) {
      labels.putAll(policy.alerting().labels());
      if (policy.alerting().severity() != null) {
        severity = Severity.valueOf(policy.alerting().severity());
      }
    }
    Finding open =
        new Finding(
            null,
            null,
            cluster,
            subject,
            code.code(),
            null,
            severity,
            Finding.State.OPEN,
            message,
            details,
            labels,
            now,
            now,
            null,
            null);
    sink.finding(resolved ? open.resolved(now) : open);
  }

  /** Takes the larger of each count here and in {@code prior} (a previous executor's status). */
  void restoreCounts(Map<String, Map<String, Long>> prior) {
    prior.forEach(
        (policy, counts) ->
            counts.forEach(
                (outcome, n) ->
                    countsByPolicy
                        .computeIfAbsent(policy, k -> new ConcurrentHashMap<>())
                        .merge(outcome, n, Math::max)));
  }

  /** Outcome counts per policy name, for the policies' status. */
  Map<String, Map<String, Long>> counts() {
    Map<String, Map<String, Long>> copy = new HashMap<>();
    countsByPolicy.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    return copy;
  }

  void flush() {
    sink.flush();
  }

  private static String actionVerb(Outcome outcome) {
    return outcome == Outcome.STARTED ? "Restart" : "Remediate";
  }

  static boolean restartable(RemediationRequest request) {
    return request.action() == RemediationAction.ROLLING_RESTART
        && switch (request.target().kind()) {
          case "Deployment", "StatefulSet", "DaemonSet" -> true;
          default -> false;
        };
  }
}
