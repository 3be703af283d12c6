package io.meshwarden.core.policy;

import io.meshwarden.common.protocol.LabelSelector;
import java.time.Instant;
import java.util.Map;

/**
 * A valid {@code InjectionPolicy} ({@code meshwarden.io/v1alpha1}, cluster-scoped): which
 * namespaces and workloads it covers, whether they must be in the mesh and on which revision, and
 * how meshwarden may correct them.
 *
 * @param name the policy's name
 * @param namespaceSelector the namespaces covered; {@link LabelSelector#EVERYTHING} when the policy
 *     names none
 * @param workloadSelector the workloads covered, by template labels; {@link
 *     LabelSelector#EVERYTHING} when the policy names none
 * @param generation {@code metadata.generation}, echoed as {@code status.observedGeneration}
 * @param revision the revision the covered workloads should run, or null for "what the namespace
 *     says"
 * @param resumeRequestedAt the time in annotation {@code meshwarden.io/resume-remediation}: a
 *     tripped circuit breaker or a halted campaign resumes when this is later than the trip
 */
public record InjectionPolicy(
    String name,
    long generation,
    LabelSelector namespaceSelector,
    LabelSelector workloadSelector,
    boolean requireInjection,
    String revision,
    Mode mode,
    RemediationSettings remediation,
    Alerting alerting,
    Instant resumeRequestedAt) {

  /** Annotation on a policy that resumes remediation after the breaker or a canary stopped it. */
  public static final String RESUME_ANNOTATION = "meshwarden.io/resume-remediation";

  /** What a policy lets meshwarden do. */
  public enum Mode {
    /** Find and alert only. */
    AUDIT,
    /** Correct, within the remediation guards. */
    ENFORCE
  }

  /**
   * Routing for findings of covered workloads.
   *
   * @param labels added to findings, e.g. {@code team}
   * @param severity overrides the rule's severity when set
   */
  public record Alerting(Map<String, String> labels, String severity) {
    public static final Alerting NONE = new Alerting(Map.of(), null);

    public Alerting {
      labels = Map.copyOf(labels);
    }
  }

  /** Whether this policy covers a workload with these labels in a namespace with these labels. */
  public boolean covers(Map<String, String> namespaceLabels, Map<String, String> workloadLabels) {
    return namespaceSelector.matches(namespaceLabels) && workloadSelector.matches(workloadLabels);
  }

  /** Selector terms in total: a more specific policy wins an overlap. */
  public int specificity() {
    return namespaceSelector.terms() + workloadSelector.terms();
  }
}
