package io.meshwarden.core.remediation;

import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.rules.NamespaceRule;
import io.meshwarden.core.rules.Rule;
import io.meshwarden.core.rules.RuleResult;
import java.util.Collection;
import java.util.Optional;

/**
 * "Is it still true, on live state, by the rule's own code?" The executor asks this before it
 * restarts a workload and again when the restart has settled: it projects the live objects with the
 * watcher's projector and evaluates the very rule that raised the finding, so the stream and the
 * executor can never disagree about what drift is.
 */
public final class Recheck {

  private Recheck() {}

  /**
   * The result {@code rule} gives today for {@code target}, or empty when the rule no longer
   * reports it.
   *
   * @param namespaceFacts the live, projected objects of the target's namespace that the rule needs
   *     (at least the workload and its pods)
   * @param mesh the live mesh view (namespaces, injector configuration, webhooks, revisions)
   * @throws IllegalArgumentException for a rule that is not evaluated per namespace: no rule whose
   *     remedy is a restart is any other kind
   */
  public static Optional<RuleResult> finding(
      Rule rule,
      ObjectRef target,
      Collection<? extends ObjectFacts> namespaceFacts,
      MeshView mesh) {
    if (!(rule instanceof NamespaceRule namespaceRule)) {
      throw new IllegalArgumentException(
          "rule "
              + rule.info().code()
              + " is not evaluated per namespace; it cannot be re-checked");
    }
    NamespaceView view = NamespaceView.of(target.namespace(), namespaceFacts);
    return namespaceRule.evaluate(view, mesh).stream()
        .filter(r -> sameObject(r.subject(), target))
        .findFirst();
  }

  private static boolean sameObject(ObjectRef a, ObjectRef b) {
    return a.kind().equals(b.kind())
        && a.namespace().equals(b.namespace())
        && a.name().equals(b.name());
  }
}
