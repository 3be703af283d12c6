package io.meshwarden.core.rules;

import java.util.Map;
import java.util.Optional;

/**
 * A pure check over immutable views. A rule looks at one namespace (with the mesh beside it), at
 * the mesh alone, or at the whole cluster (configuration that refers across namespaces); it returns
 * results and never touches Kafka or the API server.
 */
public sealed interface Rule permits NamespaceRule, MeshRule, ClusterRule {

  /** Code, severity, istioctl code, title and remedy. */
  RuleInfo info();

  /**
   * The revision whose injector the remedy of a result depends on, read from the details this rule
   * wrote into that result; empty for rules whose remedy injects nothing. Only the rule that writes
   * a detail key reads it back: callers ask the rule, never the map.
   */
  default Optional<String> expectedRevision(Map<String, String> details) {
    return Optional.empty();
  }
}
