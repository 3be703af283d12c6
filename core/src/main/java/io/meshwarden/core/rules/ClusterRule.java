package io.meshwarden.core.rules;

import io.meshwarden.core.model.MeshIndex;
import java.util.List;

/**
 * A rule that relates objects across namespaces (a VirtualService and the DestinationRule of
 * another namespace, a Gateway and its workload's Secrets), evaluated once over the whole cluster.
 * The {@link MeshIndex} is built once per evaluation and shared by every cluster rule.
 */
public non-sealed interface ClusterRule extends Rule {

  List<RuleResult> evaluate(MeshIndex index);
}
