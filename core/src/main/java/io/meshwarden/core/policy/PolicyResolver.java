package io.meshwarden.core.policy;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the policy that governs one workload when several cover it. The rule (documented in
 * docs/remediation.md): the policy with the most selector terms (namespace plus workload selector)
 * wins, as the most specific; on a tie, an {@code audit} policy beats an {@code enforce} one, so an
 * overlap never widens what meshwarden may do; then the name in alphabetical order. Invalid
 * policies never govern anything.
 */
public final class PolicyResolver {

  static final Comparator<InjectionPolicy> PRECEDENCE =
      Comparator.comparingInt(InjectionPolicy::specificity)
          .reversed()
          .thenComparing(p -> p.mode() == InjectionPolicy.Mode.AUDIT ? 0 : 1)
          .thenComparing(InjectionPolicy::name);

  private PolicyResolver() {}

  /** The governing policy among {@code policies}, if any covers the workload. */
  public static Optional<InjectionPolicy> resolve(
      List<ParsedPolicy> policies,
      Map<String, String> namespaceLabels,
      Map<String, String> workloadLabels) {
    return policies.stream()
        .filter(ParsedPolicy.Valid.class::isInstance)
        .map(p -> ((ParsedPolicy.Valid) p).policy())
        .filter(p -> p.covers(namespaceLabels, workloadLabels))
        .min(PRECEDENCE);
  }
}
