package io.meshwarden.core.model;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.core.model.hosts.HostRegistry;
import io.meshwarden.core.model.hosts.Hosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cross-namespace lookups over one {@link ClusterView} for the configuration rules: Istio config of
 * one kind wherever it lives, the host registry, and the workloads a label selector picks.
 *
 * <p>Facts carry every label of pods, templates and namespaces, so a selector is judged on the same
 * labels Istio sees, whatever keys it names.
 */
public final class MeshIndex {

  private final ClusterView cluster;
  private final HostRegistry hosts;

  private MeshIndex(ClusterView cluster, String domain) {
    this.cluster = cluster;
    this.hosts =
        HostRegistry.of(domain, cluster.mesh().services(), cluster.mesh().serviceEntries());
  }

  /** An index with the default cluster domain. */
  public static MeshIndex of(ClusterView cluster) {
    return new MeshIndex(cluster, Hosts.DEFAULT_DOMAIN);
  }

  public ClusterView cluster() {
    return cluster;
  }

  public MeshView mesh() {
    return cluster.mesh();
  }

  public HostRegistry hosts() {
    return hosts;
  }

  /** Every Istio config object of {@code kind}, mesh-wide and namespaced alike. */
  public List<IstioConfigFacts> configs(FactKind kind) {
    List<IstioConfigFacts> out = new ArrayList<>();
    if (kind == FactKind.Gateway) {
      out.addAll(cluster.mesh().gateways());
    } else if (kind == FactKind.ServiceEntry) {
      out.addAll(cluster.mesh().serviceEntries());
    } else if (kind == FactKind.ProxyConfig) {
      out.addAll(cluster.mesh().proxyConfigs());
    } else {
      cluster.namespaces().values().forEach(ns -> out.addAll(ns.istioConfig(kind)));
    }
    return out;
  }

  /** The namespace's view, if the input had any namespaced object there. */
  public Optional<NamespaceView> namespace(String name) {
    return Optional.ofNullable(cluster.namespaces().get(name));
  }

  /** Whether the input had any workload or pod at all. */
  public boolean hasWorkloads() {
    return cluster.namespaces().values().stream().anyMatch(ns -> !ns.workloads().isEmpty());
  }

  /** Whether the namespace holds any workload or pod. */
  public boolean hasWorkloads(String namespace) {
    return namespace(namespace).map(ns -> !ns.workloads().isEmpty()).orElse(false);
  }

  /**
   * Whether pods' labels can show a match of {@code selector}: always, since facts keep every
   * label. It once guarded selectors on keys the projection dropped; callers can stop asking.
   */
  public boolean observable(Map<String, String> selector) {
    return true;
  }

  /**
   * The workloads (running pods or pod templates) that {@code selector} picks, in {@code
   * namespace}, or everywhere when {@code namespace} is null.
   */
  public List<WorkloadView> selected(String namespace, Map<String, String> selector) {
    LabelSelector s = LabelSelector.ofMatchLabels(selector);
    List<WorkloadView> out = new ArrayList<>();
    for (NamespaceView ns : cluster.namespaces().values()) {
      if (namespace != null && !namespace.equals(ns.name())) {
        continue;
      }
      for (WorkloadView w : ns.workloads()) {
        if (labelSets(w).stream().anyMatch(s::matches)) {
          out.add(w);
        }
      }
    }
    return out;
  }

  /** The pods of {@code namespace} whose labels satisfy every map of {@code selectors}. */
  public List<PodView> pods(String namespace, List<Map<String, String>> selectors) {
    List<LabelSelector> all = selectors.stream().map(LabelSelector::ofMatchLabels).toList();
    return namespace(namespace).map(NamespaceView::pods).orElse(List.of()).stream()
        .filter(p -> all.stream().allMatch(s -> s.matches(p.facts().meta().labels())))
        .toList();
  }

  /** The label sets a workload presents: its template's and each live pod's. */
  public static List<Map<String, String>> labelSets(WorkloadView w) {
    List<Map<String, String>> out = new ArrayList<>();
    PodShape t = w.template();
    if (t != null) {
      out.add(t.labels());
    }
    w.pods().forEach(p -> out.add(p.facts().meta().labels()));
    return out;
  }
}
