package io.meshwarden.core.remediation;

import io.meshwarden.core.policy.InjectionPolicy;
import io.meshwarden.core.policy.RemediationSettings;
import java.time.Instant;
import java.util.Optional;

/**
 * The guards, in order, over live state: each either lets the request through or says why not. The
 * first that objects decides. Pure: no API calls, no Kafka; the caller observes before and acts
 * after.
 */
public final class Guards {

  /**
   * What the guards look at.
   *
   * @param expectedRevision the revision (or tag) the workload's pods should be injected by
   * @param drift how the live pods drift, or empty when they no longer do
   * @param injectorProblem why the injector cannot inject now, or empty when it can
   * @param breakerOpen remediation is paused cluster-wide
   * @param campaign the request's campaign, null when the policy stages nothing
   * @param inFlight rollouts this executor follows now, cluster-wide
   * @param inFlightInNamespace of those, in the workload's namespace
   */
  public record Input(
      String requestId,
      RolloutState workload,
      Optional<InjectionPolicy> policy,
      String expectedRevision,
      Optional<String> drift,
      Optional<String> injectorProblem,
      boolean breakerOpen,
      Campaign campaign,
      int inFlight,
      int inFlightInNamespace,
      Instant now) {}

  private Guards() {}

  public static Decision decide(Input in) {
    RolloutState w = in.workload();
    if (in.drift().isEmpty()) {
      return Decision.skip(Reason.RESOLVED, "the pods already run as expected");
    }
    if (in.policy().isEmpty()) {
      return Decision.skip(Reason.NO_POLICY, "no InjectionPolicy covers this workload");
    }
    InjectionPolicy policy = in.policy().get();
    RemediationSettings settings = policy.remediation();
    if (policy.mode() == InjectionPolicy.Mode.AUDIT) {
      return Decision.skip(
          Reason.AUDIT_MODE, "policy " + policy.name() + " is in audit mode: " + in.drift().get());
    }
    if (Annotations.optedOut(w.namespaceAnnotations())) {
      return Decision.skip(
          Reason.OPTED_OUT, "namespace is annotated meshwarden.io/remediate=false");
    }
    if (Annotations.optedOut(w.annotations())) {
      return Decision.skip(Reason.OPTED_OUT, "workload is annotated meshwarden.io/remediate=false");
    }
    if (settings.excludes(w.ref().namespace(), w.ref().name())) {
      return Decision.skip(Reason.EXCLUDED, "policy " + policy.name() + " excludes this workload");
    }
    if (in.breakerOpen()) {
      return Decision.halt(Reason.CIRCUIT_OPEN, "remediation is paused: circuit breaker open");
    }
    if (in.campaign() != null && in.campaign().halted(policy.resumeRequestedAt())) {
      return Decision.halt(
          Reason.CAMPAIGN_HALTED, "campaign halted: " + in.campaign().haltReason());
    }
    if (!settings.windowOpen(in.now())) {
      return Decision.skip(Reason.WINDOW_CLOSED, "no maintenance window of the policy is open");
    }
    Instant last = w.restartedAt();
    if (last != null && in.now().isBefore(last.plus(settings.cooldown()))) {
      return Decision.skip(
          Reason.COOLDOWN, "restarted at " + last + ", cooldown " + settings.cooldown());
    }
    if (!w.statusSettled() || !w.settledOn(w.templateRemediationId(), restartedAtText(w))) {
      return Decision.skip(Reason.ROLLOUT_IN_PROGRESS, "a rollout is already in progress");
    }
    if (w.disruptionsAllowed() != null && w.disruptionsAllowed() <= 0) {
      return Decision.skip(Reason.PDB_BLOCKS, "its PodDisruptionBudget allows no disruption now");
    }
    if (in.injectorProblem().isPresent()) {
      return Decision.skip(
          Reason.INJECTOR_UNHEALTHY,
          "not restarted: the injector cannot inject now ("
              + in.injectorProblem().get()
              + "); new pods would lack the sidecar");
    }
    if (in.inFlight() >= settings.maxConcurrent()) {
      return new Decision.Defer("maxConcurrent " + settings.maxConcurrent() + " reached");
    }
    if (in.inFlightInNamespace() >= settings.maxConcurrentPerNamespace()) {
      return new Decision.Defer("maxConcurrentPerNamespace reached");
    }
    if (in.campaign() != null) {
      String wait = in.campaign().admit(in.requestId(), settings, in.now());
      if (wait != null) {
        return new Decision.Defer(wait);
      }
    }
    return new Decision.Act();
  }

  private static String restartedAtText(RolloutState w) {
    return w.templateAnnotations().get(Annotations.RESTARTED_AT);
  }
}
