package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.core.model.ClusterView;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs rules over views and orders the results: most severe first, then by subject and code. */
public final class RuleEngine {

  /** Severity, then subject namespace, kind and name, then code. */
  public static final Comparator<RuleResult> ORDER =
      Comparator.comparing(RuleResult::severity)
          .thenComparing(r -> r.subject().namespace())
          .thenComparing(r -> r.subject().kind())
          .thenComparing(r -> r.subject().name())
          .thenComparing(RuleResult::code);

  private final List<Rule> rules;

  public RuleEngine(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** An engine with every rule of {@link RuleCatalog}. */
  public static RuleEngine standard() {
    return new RuleEngine(RuleCatalog.all());
  }

  public List<Rule> rules() {
    return rules;
  }

  /** Every namespace rule over one namespace. */
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<RuleResult> out = new ArrayList<>();
    for (Rule r : rules) {
      if (r instanceof NamespaceRule nr) {
        out.addAll(nr.evaluate(namespace, mesh));
      }
    }
    return out;
  }

  /** Every mesh rule. */
  public List<RuleResult> evaluate(MeshView mesh) {
    List<RuleResult> out = new ArrayList<>();
    for (Rule r : rules) {
      if (r instanceof MeshRule mr) {
        out.addAll(mr.evaluate(mesh));
      }
    }
    return out;
  }

  /** Every cluster rule, over one index of the whole cluster. */
  public List<RuleResult> evaluateCluster(ClusterView cluster) {
    List<RuleResult> out = new ArrayList<>();
    MeshIndex index = null;
    for (Rule r : rules) {
      if (r instanceof ClusterRule cr) {
        index = index == null ? MeshIndex.of(cluster) : index;
        out.addAll(cr.evaluate(index));
      }
    }
    return out;
  }

  /** Every rule over a whole cluster, sorted by {@link #ORDER}. */
  public List<RuleResult> evaluate(ClusterView cluster) {
    List<RuleResult> out = new ArrayList<>(evaluate(cluster.mesh()));
    for (NamespaceView ns : cluster.namespaces().values()) {
      out.addAll(evaluate(ns, cluster.mesh()));
    }
    out.addAll(evaluateCluster(cluster));
    out.sort(ORDER);
    return out;
  }

  /** A subject's sort key, for callers that group output. */
  public static String subjectKey(ObjectRef ref) {
    return ref.namespace() + "/" + ref.kind() + "/" + ref.name();
  }
}
