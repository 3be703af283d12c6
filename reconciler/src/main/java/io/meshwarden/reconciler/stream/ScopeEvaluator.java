package io.meshwarden.reconciler.stream;

import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.core.model.ClusterView;
import io.meshwarden.core.model.InjectionModel;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import io.meshwarden.core.model.WorkloadView;
import io.meshwarden.core.rules.RuleEngine;
import io.meshwarden.core.rules.RuleResult;
import io.meshwarden.reconciler.ReconcilerMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Runs the rules over one scope and measures it: a namespace (namespace rules, plus its injection
 * coverage), the mesh (mesh rules) or the cluster (cluster rules, over namespace digests). The
 * rules come from the engine the rules package exposes, so rules added there are picked up without
 * changes here.
 */
final class ScopeEvaluator {

  /** The scope of mesh rules; no namespace can be named this. */
  static final String MESH_SCOPE = "*";

  /** The scope of cluster rules, evaluated beside the mesh scope; no namespace has a '*'. */
  static final String CLUSTER_SCOPE = "*cluster";

  private final RuleEngine engine;
  private final ReconcilerMetrics metrics;

  ScopeEvaluator(RuleEngine engine, ReconcilerMetrics metrics) {
    this.engine = engine;
    this.metrics = metrics;
  }

  /** The results for {@code scope}: a namespace given its facts, or {@link #MESH_SCOPE}. */
  List<RuleResult> evaluate(String scope, Collection<ObjectFacts> facts, MeshView mesh) {
    long start = System.nanoTime();
    List<RuleResult> results;
    if (MESH_SCOPE.equals(scope)) {
      results = engine.evaluate(mesh);
      metrics.evaluated("mesh", Duration.ofNanos(System.nanoTime() - start));
      return results;
    }
    return evaluate(NamespaceView.of(scope, facts), mesh);
  }

  /** The namespace rules' results for one namespace. */
  List<RuleResult> evaluate(NamespaceView view, MeshView mesh) {
    long start = System.nanoTime();
    List<RuleResult> results = engine.evaluate(view, mesh);
    metrics.evaluated("namespace", Duration.ofNanos(System.nanoTime() - start));
    recordCoverage(view, mesh);
    return results;
  }

  /** The cluster rules' results over a cluster rebuilt from namespace digests. */
  List<RuleResult> evaluate(ClusterView cluster) {
    long start = System.nanoTime();
    List<RuleResult> results = engine.evaluateCluster(cluster);
    metrics.evaluated("cluster", Duration.ofNanos(System.nanoTime() - start));
    return results;
  }

  private void recordCoverage(NamespaceView view, MeshView mesh) {
    long expected = 0;
    long injected = 0;
    for (WorkloadView w : view.workloads()) {
      for (PodView pod : w.pods()) {
        if (!pod.gateway() && InjectionModel.verdict(pod.shape(), mesh).inject()) {
          expected++;
          if (pod.proxy().injected()) {
            injected++;
          }
        }
      }
    }
    if (view.pods().isEmpty()) {
      metrics.forgetCoverage(view.name());
    } else {
      metrics.coverage(view.name(), injected, expected);
    }
  }
}
