package io.meshwarden.reconciler.rules;

import io.meshwarden.reconciler.model.MeshView;
import io.meshwarden.reconciler.model.NamespaceView;
import java.util.List;

/** A rule evaluated once per namespace. */
public non-sealed interface NamespaceRule extends Rule {

  List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh);
}
