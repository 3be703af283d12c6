package io.meshwarden.core.rules;

/**
 * A pure check over immutable views. A rule looks at one namespace (with the mesh beside it), at
 * the mesh alone, or at the whole cluster (configuration that refers across namespaces); it returns
 * results and never touches Kafka or the API server.
 */
public sealed interface Rule permits NamespaceRule, MeshRule, ClusterRule {

  /** Code, severity, istioctl code and title. */
  RuleInfo info();
}
