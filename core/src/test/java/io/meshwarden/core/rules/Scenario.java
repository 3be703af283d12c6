package io.meshwarden.core.rules;

import static io.meshwarden.core.fixtures.Fixtures.injector;
import static io.meshwarden.core.fixtures.Fixtures.tag;

import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.core.fixtures.Fixtures;
import io.meshwarden.core.fixtures.PodBuilder;
import io.meshwarden.core.fixtures.WorkloadBuilder;
import io.meshwarden.core.model.ClusterView;
import io.meshwarden.core.model.MeshViewBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A cluster's facts for one rule-table row, built fluently. */
final class Scenario {
  private final List<ObjectFacts> facts = new ArrayList<>();

  static Scenario of(ObjectFacts... facts) {
    Scenario s = new Scenario();
    s.facts.addAll(List.of(facts));
    return s;
  }

  /**
   * Revisions 1-23 and 1-24 (hub docker.io/istio, tags 1.23.0 / 1.24.0); prod and default -> 1-24.
   */
  Scenario withControlPlane() {
    facts.add(injector("1-23").image("docker.io/istio", null, "1.23.0", null).build());
    facts.add(injector("1-24").build());
    facts.add(tag("prod", "1-24"));
    facts.add(tag("default", "1-24"));
    return this;
  }

  Scenario with(ObjectFacts... more) {
    facts.addAll(List.of(more));
    return this;
  }

  Scenario with(PodBuilder... pods) {
    for (PodBuilder p : pods) {
      facts.add(p.build());
    }
    return this;
  }

  Scenario with(WorkloadBuilder w) {
    facts.add(w.build());
    return this;
  }

  /** A namespace-wide PeerAuthentication; {@code ""} puts it in the root namespace (mesh-wide). */
  Scenario mtls(String namespace, String mode) {
    facts.add(Fixtures.peerAuthentication(namespace.isEmpty() ? "istio-system" : namespace, mode));
    return this;
  }

  /** A PeerAuthentication of the workloads {@code selector} picks in {@code namespace}. */
  Scenario mtls(
      String namespace, Map<String, String> selector, String mode, Map<String, String> ports) {
    facts.add(
        Fixtures.peerAuthentication(namespace, "workload-" + facts.size(), selector, mode, ports));
    return this;
  }

  ClusterView view() {
    return ClusterView.of(
        Fixtures.CLUSTER, new MeshViewBuilder(Fixtures.NOW).addAll(facts).build(), facts);
  }

  @Override
  public String toString() {
    return facts.size() + " facts";
  }
}
