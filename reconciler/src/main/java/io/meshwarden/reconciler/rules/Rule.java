package io.meshwarden.reconciler.rules;

/**
 * A pure check over immutable views. A rule either looks at one namespace (with the mesh beside it)
 * or at the mesh alone; it returns results and never touches Kafka or the API server.
 */
public sealed interface Rule permits NamespaceRule, MeshRule {

  /** Code, severity, istioctl code and title. */
  RuleInfo info();
}
