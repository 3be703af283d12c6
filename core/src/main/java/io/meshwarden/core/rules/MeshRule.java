package io.meshwarden.core.rules;

import io.meshwarden.core.model.MeshView;
import java.util.List;

/** A rule about mesh-wide objects (namespaces' labels, webhooks), evaluated once per cluster. */
public non-sealed interface MeshRule extends Rule {

  List<RuleResult> evaluate(MeshView mesh);
}
