package io.meshwarden.reconciler.rules;

import io.meshwarden.reconciler.model.MeshView;
import java.util.List;

/** A rule about mesh-wide objects (namespaces' labels, webhooks), evaluated once per cluster. */
public non-sealed interface MeshRule extends Rule {

  List<RuleResult> evaluate(MeshView mesh);
}
