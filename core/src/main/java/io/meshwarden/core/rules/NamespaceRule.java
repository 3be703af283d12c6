package io.meshwarden.core.rules;

import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.List;

/** A rule evaluated once per namespace. */
public non-sealed interface NamespaceRule extends Rule {

  List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh);
}
