package io.meshwarden.core.model;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.PodDisruptionBudgetFacts;
import io.meshwarden.common.protocol.PodFacts;
import io.meshwarden.common.protocol.SecretFacts;
import io.meshwarden.common.protocol.WorkloadFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything in one namespace, immutable: its pods (with their proxy state), its workloads with
 * their pods grouped under them, its namespaced Istio config and its Secrets (names and types).
 * Build with {@link #of}.
 */
public record NamespaceView(
    String name,
    List<PodView> pods,
    List<WorkloadFacts> workloadFacts,
    List<WorkloadView> workloads,
    List<PodDisruptionBudgetFacts> disruptionBudgets,
    List<IstioConfigFacts> istioConfig,
    List<SecretFacts> secrets) {

  public NamespaceView {
    secrets = List.copyOf(secrets);
    pods = List.copyOf(pods);
    workloadFacts = List.copyOf(workloadFacts);
    workloads = List.copyOf(workloads);
    disruptionBudgets = List.copyOf(disruptionBudgets);
    istioConfig = List.copyOf(istioConfig);
  }

  /** A view without secrets. */
  public NamespaceView(
      String name,
      List<PodView> pods,
      List<WorkloadFacts> workloadFacts,
      List<WorkloadView> workloads,
      List<PodDisruptionBudgetFacts> disruptionBudgets,
      List<IstioConfigFacts> istioConfig) {
    this(name, pods, workloadFacts, workloads, disruptionBudgets, istioConfig, List.of());
  }

  /** The namespace's Istio config of one kind. */
  public List<IstioConfigFacts> istioConfig(FactKind kind) {
    return istioConfig.stream().filter(c -> c.kind() == kind).toList();
  }

  /** Whether a Secret of that name exists here. */
  public boolean hasSecret(String secretName) {
    return secrets.stream().anyMatch(s -> s.meta().name().equals(secretName));
  }

  /** The view of {@code namespace} from facts; facts of other namespaces or kinds are ignored. */
  public static NamespaceView of(String namespace, Iterable<? extends ObjectFacts> facts) {
    List<PodView> pods = new ArrayList<>();
    List<WorkloadFacts> workloads = new ArrayList<>();
    List<PodDisruptionBudgetFacts> pdbs = new ArrayList<>();
    List<IstioConfigFacts> istio = new ArrayList<>();
    List<SecretFacts> secrets = new ArrayList<>();
    for (ObjectFacts f : facts) {
      if (!namespace.equals(f.meta().namespace()) || !f.kind().namespaced()) {
        continue;
      }
      if (f instanceof PodFacts p) {
        pods.add(PodView.of(p));
      } else if (f instanceof WorkloadFacts w) {
        workloads.add(w);
      } else if (f instanceof PodDisruptionBudgetFacts pdb) {
        pdbs.add(pdb);
      } else if (f instanceof IstioConfigFacts c && c.kind().topic() == FactKind.Topic.OBJECTS) {
        istio.add(c);
      } else if (f instanceof SecretFacts s) {
        secrets.add(s);
      }
    }
    return new NamespaceView(
        namespace,
        pods,
        workloads,
        WorkloadGrouping.group(namespace, workloads, pods),
        pdbs,
        istio,
        secrets);
  }
}
