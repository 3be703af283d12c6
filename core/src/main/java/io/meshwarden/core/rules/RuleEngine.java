package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.core.model.ClusterView;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        out.addAll(distinguished(nr.evaluate(namespace, mesh)));
      }
    }
    return out;
  }

  /** Every mesh rule. */
  public List<RuleResult> evaluate(MeshView mesh) {
    List<RuleResult> out = new ArrayList<>();
    for (Rule r : rules) {
      if (r instanceof MeshRule mr) {
        out.addAll(distinguished(mr.evaluate(mesh)));
      }
    }
    return out;
  }

  /**
   * One rule's results, each its own finding: where the rule reports one subject several times (per
   * port, per match, per destination, per pair, as istioctl does) each result carries its message
   * as its instance, so the stream keeps them apart instead of folding them into one finding. Two
   * results with the same text about one subject (istioctl tells them apart by the line they point
   * at) are numbered in the order the rule gave them. A rule's only result for a subject keeps an
   * empty instance, and with it the fingerprint it always had.
   */
  static List<RuleResult> distinguished(List<RuleResult> results) {
    if (results.size() < 2) {
      return results;
    }
    Map<String, List<RuleResult>> bySubject = new LinkedHashMap<>();
    for (RuleResult r : results) {
      String key = r.code() + "\u0000" + subjectKey(r.subject());
      bySubject.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    List<RuleResult> out = new ArrayList<>(results.size());
    for (List<RuleResult> group : bySubject.values()) {
      if (group.size() == 1) {
        out.add(group.get(0));
        continue;
      }
      Map<String, Integer> seen = new HashMap<>();
      for (RuleResult r : group) {
        int n = seen.merge(r.message(), 1, Integer::sum);
        out.add(r.withInstance(n == 1 ? r.message() : r.message() + " (" + n + ")"));
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
        out.addAll(distinguished(cr.evaluate(index)));
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
