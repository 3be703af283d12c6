package io.meshwarden.executor;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meshwarden.common.logging.LogContext;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.RemediationRecord.Outcome;
import io.meshwarden.common.protocol.RemediationRequest;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.policy.InjectionPolicy;
import io.meshwarden.core.policy.ParsedPolicy;
import io.meshwarden.core.policy.PolicyResolver;
import io.meshwarden.core.remediation.Annotations;
import io.meshwarden.core.remediation.Campaign;
import io.meshwarden.core.remediation.CircuitBreaker;
import io.meshwarden.core.remediation.Decision;
import io.meshwarden.core.remediation.ExecutorFinding;
import io.meshwarden.core.remediation.Guards;
import io.meshwarden.core.remediation.InjectorHealth;
import io.meshwarden.core.remediation.MeshSnapshot;
import io.meshwarden.core.remediation.Reason;
import io.meshwarden.core.remediation.Recheck;
import io.meshwarden.core.remediation.RolloutState;
import io.meshwarden.core.rules.InvalidAnnotationRule;
import io.meshwarden.core.rules.Remedy;
import io.meshwarden.core.rules.Rule;
import io.meshwarden.core.rules.RuleCatalog;
import io.meshwarden.core.rules.RuleResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each held request through observe → validate → decide → act → record, and follows the
 * restarts it started until they verify or time out. Level-triggered: every pass re-reads the
 * workload, its pods, the policies and the control plane, so a pass repeated after a crash decides
 * the same way; the {@code meshwarden.io/remediation-id} on the pod template makes the restart
 * itself happen at most once per request id. Single-threaded: the executor's loop calls {@link
 * #pass}.
 */
final class Remediator {

  private static final Logger LOG = LoggerFactory.getLogger(Remediator.class);

  private final RemediationConfig config;
  private final Views views;
  private final Restarter restarter;
  private final Recorder recorder;
  private final CircuitBreaker breaker;
  private final Clock clock;
  private final Map<String, Campaign> campaigns = new HashMap<>();
  private final Map<String, Work> pending = new LinkedHashMap<>();
  private final Map<String, Rollout> inFlight = new LinkedHashMap<>();
  private final java.util.Set<String> injectorFindings = new java.util.HashSet<>();
  private boolean breakerWasOpen;

  /**
   * A restart patch the API server could not take now (no answer, 429, 5xx) is tried again on the
   * next passes for this long before the remediation fails and counts toward the breaker: a short
   * API outage must not pause remediation cluster-wide.
   */
  static final java.time.Duration TRANSIENT_GRACE = java.time.Duration.ofMinutes(2);

  private final Map<String, Instant> transientSince = new HashMap<>();

  /** The live reads one pass needs, so tests can count or fake them. */
  record Views(
      LiveState live, MeshReader mesh, java.util.function.Supplier<List<ParsedPolicy>> policies) {}

  Remediator(
      RemediationConfig config, Views views, Restarter restarter, Recorder recorder, Clock clock) {
    this.config = config;
    this.views = views;
    this.restarter = restarter;
    this.recorder = recorder;
    this.clock = clock;
    this.breaker =
        new CircuitBreaker(
            config.breakerThreshold(), config.breakerWindow(), config.breakerResumeAfter());
  }

  /** Holds a delivered request; false when this id is already held (a duplicate). */
  boolean offer(Work work) {
    String id = work.id();
    if (pending.containsKey(id) || inFlight.containsKey(id)) {
      return false;
    }
    pending.put(id, work);
    return true;
  }

  /** Offsets of held requests (pending or rolling out): none of them may be committed. */
  List<Long> unfinishedOffsets() {
    List<Long> out = new ArrayList<>();
    pending.values().forEach(w -> out.add(w.offset()));
    inFlight.values().forEach(r -> out.add(r.work().offset()));
    return out;
  }

  /** Drops everything held: another instance owns the requests now and will redeliver them. */
  /**
   * Takes over what a previous executor of the cluster left in the policies' status: an open
   * breaker stays open (until resumed), and counts go on from where they were.
   */
  void restore(PolicyStore.PriorState prior) {
    // The status is the cluster's record; what this instance remembers from an earlier tenure of
    // the partition may be older than what the executor between wrote there.
    breaker.reset();
    breakerWasOpen = false;
    if (prior.breakerOpenSince() != null) {
      breaker.restoreOpen(prior.breakerOpenSince());
      breakerWasOpen = true;
      LOG.warn(
          "Remediation stays paused: the previous executor left the circuit breaker open since {}",
          prior.breakerOpenSince());
    }
    recorder.restoreCounts(prior.counts());
  }

  /** No answer, throttled, or a server error: worth another try, not a refusal. */
  static boolean transientRefusal(int code) {
    return code == 0 || code == 429 || code >= 500;
  }

  void forget() {
    transientSince.clear();
    pending.clear();
    inFlight.clear();
    campaigns.clear();
  }

  int inFlight() {
    return inFlight.size();
  }

  /** Whether nothing is held: no request waits and no rollout is followed. */
  boolean idle() {
    return pending.isEmpty() && inFlight.isEmpty();
  }

  /** One pass over every held request; returns the policies it read, for their status. */
  List<ParsedPolicy> pass() {
    Instant now = clock.instant();
    List<ParsedPolicy> policies = views.policies().get();
    MeshSnapshot mesh = views.mesh().read();
    boolean breakerOpen = breaker.isOpen(now, latestResume(policies));
    if (breakerWasOpen && !breakerOpen) {
      recorder.finding(ExecutorFinding.CIRCUIT_OPEN, clusterRef(), "resumed", null, Map.of(), true);
    }
    breakerWasOpen = breakerOpen;
    for (Rollout r : List.copyOf(inFlight.values())) {
      withMdc(r.work().request(), () -> follow(r, mesh, now));
    }
    for (Work w : List.copyOf(pending.values())) {
      withMdc(w.request(), () -> process(w, policies, mesh, now));
    }
    campaigns.values().removeIf(c -> idle(c, now));
    return policies;
  }

  /** Whether the breaker is open now (for status). */
  String breakerState() {
    return breakerWasOpen ? PolicyStore.OPEN_SINCE + breaker.openedAt() : "Closed";
  }

  private void process(Work w, List<ParsedPolicy> policies, MeshSnapshot mesh, Instant now) {
    RemediationRequest req = w.request();
    if (!Recorder.restartable(req)) {
      recorder.finding(
          ExecutorFinding.MANUAL_ACTION_REQUIRED,
          req.target(),
          req.target().kind()
              + " "
              + req.target().key()
              + " is never restarted by meshwarden: delete or recreate it by hand",
          null,
          Map.of("reasonCode", String.valueOf(req.reasonCode())),
          false);
      finish(
          w,
          Outcome.SKIPPED,
          Reason.MANUAL_ACTION_REQUIRED,
          "bare pods and Jobs are not restarted; recreate it by hand",
          null,
          null,
          Map.of());
      return;
    }
    Optional<Rule> rule =
        RuleCatalog.byCode(req.reasonCode()).filter(r -> r.info().remedy().restarts());
    if (rule.isEmpty()) {
      finish(
          w,
          Outcome.SKIPPED,
          Reason.NOT_REMEDIABLE,
          "rule " + req.reasonCode() + " admits no restart; nothing to do automatically",
          null,
          null,
          Map.of());
      return;
    }
    Optional<LiveState.Observed> observed = views.live().workload(req.target());
    if (observed.isEmpty()) {
      finish(
          w,
          Outcome.SKIPPED,
          Reason.NOT_FOUND,
          "the workload no longer exists",
          null,
          null,
          Map.of());
      return;
    }
    RolloutState ws = observed.get().rollout();
    Remedy remedy = rule.get().info().remedy();
    // The rule that raised the finding, over the live objects projected as the watcher projects
    // them: the only judge of whether the workload still drifts, and of the revision it expects.
    Optional<RuleResult> still =
        Recheck.finding(rule.get(), req.target(), observed.get().facts(), mesh.mesh());
    String expected =
        still
            .flatMap(r -> rule.get().expectedRevision(r.details()))
            .or(() -> Optional.ofNullable(req.expectedRevision()).filter(r -> !r.isEmpty()))
            .orElse(null);
    Optional<InjectionPolicy> policy =
        PolicyResolver.resolve(policies, ws.namespaceLabels(), ws.labels());
    String policyName = policy.map(InjectionPolicy::name).orElse(null);
    String campaignKey =
        policy
            .filter(p -> p.remediation().canary())
            .map(p -> p.name() + "|" + req.reasonCode() + "|" + Objects.toString(expected, ""))
            .orElse(null);
    if (req.id().equals(ws.templateRemediationId())) {
      adopt(w, policyName, campaignKey, expected, ws, now);
      return;
    }
    Guards.Input input =
        new Guards.Input(
            req.id(),
            ws,
            policy,
            expected,
            still.map(RuleResult::message),
            remedy.needsInjector() ? injectorProblem(ws, mesh, expected) : Optional.empty(),
            breaker.isOpen(now, latestResume(policies)),
            campaignKey == null
                ? null
                : campaigns.computeIfAbsent(campaignKey, k -> new Campaign()),
            inFlight.size(),
            (int)
                inFlight.values().stream()
                    .filter(r -> r.namespace().equals(ws.ref().namespace()))
                    .count(),
            now);
    Decision decision = Guards.decide(input);
    Map<String, String> details = details(expected);
    if (decision instanceof Decision.Finish f) {
      if (f.reason() == Reason.INJECTOR_UNHEALTHY) {
        injectorFindings.add(req.target().key());
        recorder.finding(
            ExecutorFinding.INJECTOR_UNHEALTHY,
            req.target(),
            f.message(),
            policy.orElse(null),
            details,
            false);
      }
      finish(w, f.outcome(), f.reason(), f.message(), null, policyName, details);
    } else if (decision instanceof Decision.Defer d) {
      LOG.debug("Remediation {} waits: {}", req.id(), d.why());
    } else {
      act(w, ws, policyName, campaignKey, expected, now);
    }
  }

  private void act(
      Work w, RolloutState ws, String policy, String campaignKey, String expected, Instant now) {
    RemediationRequest req = w.request();
    if (config.dryRun()) {
      finish(
          w,
          Outcome.SKIPPED,
          Reason.DRY_RUN,
          "would restart " + req.target().key() + " (guards passed)",
          null,
          policy,
          Map.of());
      campaignFinished(campaignKey, req.id(), true, "", now);
      return;
    }
    try {
      restarter.restart(ws, req.id(), Restarter.restartedAt(now));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        LOG.debug("Workload {} changed since observed; next pass decides again", req.target());
        return;
      }
      if (transientRefusal(e.getCode())) {
        Instant first = transientSince.computeIfAbsent(req.id(), k -> now);
        if (now.isBefore(first.plus(TRANSIENT_GRACE))) {
          LOG.warn(
              "Restart patch of {} not accepted now ({}); next pass tries again",
              req.target(),
              e.getCode() == 0 ? "no answer" : e.getCode());
          return;
        }
      }
      transientSince.remove(req.id());
      LOG.error(
          "Restart patch of {} failed ({}); the remediation failed",
          req.target(),
          e.getCode() == 0 ? "no answer" : e.getCode(),
          e);
      finish(
          w,
          Outcome.FAILED,
          Reason.PATCH_FAILED,
          "restart patch failed: " + e.getCode(),
          null,
          policy,
          Map.of());
      countFailure(req.target(), now);
      campaignFinished(campaignKey, req.id(), false, "patch failed", now);
      return;
    }
    transientSince.remove(req.id());
    pending.remove(req.id());
    inFlight.put(
        req.id(),
        new Rollout(
            w, policy, campaignKey, expected, now, now.plus(config.rolloutTimeout()), false));
    recorder.record(
        req,
        Outcome.STARTED,
        Reason.RESTARTED,
        "rolling restart started",
        now,
        policy,
        details(expected));
  }

  private void adopt(
      Work w, String policy, String campaignKey, String expected, RolloutState ws, Instant now) {
    LOG.info("Remediation {} already restarted {}: following it", w.id(), ws.ref().key());
    if (campaignKey != null) {
      campaigns.computeIfAbsent(campaignKey, k -> new Campaign());
    }
    Instant started = ws.restartedAt() == null ? now : ws.restartedAt();
    pending.remove(w.id());
    inFlight.put(
        w.id(),
        new Rollout(
            w, policy, campaignKey, expected, started, now.plus(config.rolloutTimeout()), true));
  }

  private void follow(Rollout r, MeshSnapshot mesh, Instant now) {
    RemediationRequest req = r.work().request();
    Optional<LiveState.Observed> observed = views.live().workload(req.target());
    if (observed.isEmpty()) {
      complete(r, Outcome.FAILED, Reason.NOT_FOUND, "the workload disappeared", now);
      return;
    }
    RolloutState ws = observed.get().rollout();
    if (ws.settledOn(
        ws.templateRemediationId(), ws.templateAnnotations().get(Annotations.RESTARTED_AT))) {
      // Requests reach a rollout only through process(), which checked the rule admits a restart.
      Rule rule = RuleCatalog.byCode(req.reasonCode()).orElseThrow();
      Optional<RuleResult> still =
          Recheck.finding(rule, req.target(), observed.get().facts(), mesh.mesh());
      if (still.isEmpty()) {
        complete(
            r,
            Outcome.SUCCEEDED,
            Reason.VERIFIED,
            "the new pods no longer drift: "
                + rule.info().code()
                + " ("
                + rule.info().title()
                + ") does not hold for them"
                + (r.expectedRevision() == null ? "" : "; revision " + r.expectedRevision()),
            now);
      } else {
        complete(
            r,
            Outcome.FAILED,
            Reason.DRIFT_REMAINS,
            "restarted, but the drift remains: " + still.get().message(),
            now);
      }
    } else if (!now.isBefore(r.deadline())) {
      complete(
          r,
          Outcome.FAILED,
          Reason.ROLLOUT_TIMEOUT,
          "new pods not ready within " + config.rolloutTimeout(),
          now);
    }
  }

  private void complete(Rollout r, Outcome outcome, Reason reason, String message, Instant now) {
    RemediationRequest req = r.work().request();
    inFlight.remove(req.id());
    Map<String, String> details = details(r.expectedRevision());
    recorder.record(req, outcome, reason, message, r.startedAt(), r.policy(), details);
    boolean ok = outcome == Outcome.SUCCEEDED;
    if (ok && injectorFindings.remove(req.target().key())) {
      recorder.finding(
          ExecutorFinding.INJECTOR_UNHEALTHY, req.target(), message, null, details, true);
    } else if (!ok) {
      countFailure(req.target(), now);
    }
    campaignFinished(r.campaignKey(), req.id(), ok, reason.code(), now);
  }

  /**
   * Counts a FAILED remediation (a refused patch as much as a rollout that failed) toward the
   * breaker, and opens finding MW0092 when this one opened it.
   */
  private void countFailure(ObjectRef target, Instant now) {
    if (!breaker.recordFailure(now)) {
      return;
    }
    breakerWasOpen = true;
    recorder.finding(
        ExecutorFinding.CIRCUIT_OPEN,
        clusterRef(),
        "remediation paused for cluster "
            + config.cluster()
            + ": "
            + breaker.failures()
            + " remediations failed within "
            + config.breakerWindow()
            + "; annotate an InjectionPolicy with "
            + InjectionPolicy.RESUME_ANNOTATION
            + "=<now> to resume",
        null,
        Map.of("lastFailure", target.key()),
        false);
  }

  private void campaignFinished(String key, String id, boolean ok, String why, Instant now) {
    Campaign c = key == null ? null : campaigns.get(key);
    if (c != null && c.finished(id, ok, why, now)) {
      recorder.finding(
          ExecutorFinding.CAMPAIGN_HALTED,
          clusterRef(),
          "remediation campaign "
              + key
              + " halted: "
              + c.haltReason()
              + "; the remaining workloads were not restarted",
          null,
          Map.of("campaign", key),
          false);
    }
  }

  private void finish(
      Work w,
      Outcome outcome,
      Reason reason,
      String message,
      Instant startedAt,
      String policy,
      Map<String, String> details) {
    pending.remove(w.id());
    transientSince.remove(w.id());
    recorder.record(w.request(), outcome, reason, message, startedAt, policy, details);
  }

  private boolean idle(Campaign c, Instant now) {
    return c.phase() != Campaign.Phase.HALTED
        && c.lastActivity() != null
        && now.isAfter(c.lastActivity().plus(config.campaignIdle()))
        && inFlight.values().stream().noneMatch(r -> c == campaigns.get(r.campaignKey()));
  }

  /**
   * Why new pods of the workload would not be injected now: the injector of {@code expected} is not
   * healthy, or it would deny pods of this template outright (an Istio annotation its checks
   * reject: the webhook refuses the pod, so a restart would leave the workload without pods).
   */
  private static Optional<String> injectorProblem(
      RolloutState ws, MeshSnapshot mesh, String expected) {
    Optional<String> denial =
        InvalidAnnotationRule.injectorDenial(ws.templateAnnotations())
            .map(p -> "the injector would deny the new pods, " + p);
    return denial.or(
        () ->
            InjectorHealth.problem(
                mesh,
                expected != null
                    ? expected
                    : mesh.mesh().defaultRevision().orElse(MeshView.DEFAULT)));
  }

  /**
   * The details of an executor record: the revision the restart moves the pods to, when the rule's
   * remedy injects them.
   */
  private static Map<String, String> details(String expectedRevision) {
    return expectedRevision == null ? Map.of() : Map.of("expectedRevision", expectedRevision);
  }

  private ObjectRef clusterRef() {
    return new ObjectRef("Cluster", "", config.cluster(), null);
  }

  private static Instant latestResume(List<ParsedPolicy> policies) {
    return policies.stream()
        .filter(ParsedPolicy.Valid.class::isInstance)
        .map(p -> ((ParsedPolicy.Valid) p).policy().resumeRequestedAt())
        .filter(java.util.Objects::nonNull)
        .max(Instant::compareTo)
        .orElse(null);
  }

  private static void withMdc(RemediationRequest req, Runnable body) {
    ObjectRef t = req.target();
    try (LogContext.Scope scope =
        LogContext.object(t.namespace(), t.kind(), t.name())
            .put(LogContext.CLUSTER, req.cluster())
            .put(LogContext.RULE, req.reasonCode())
            .put(LogContext.REQUEST_ID, req.id())) {
      body.run();
    }
  }
}
