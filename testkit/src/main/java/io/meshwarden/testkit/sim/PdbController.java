package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meshwarden.testkit.sim.inject.LabelSelectors;
import java.util.List;
import java.util.Objects;

/**
 * PodDisruptionBudgets: counts the selected pods and their ready ones and writes {@code
 * currentHealthy}, {@code desiredHealthy}, {@code expectedPods} and {@code disruptionsAllowed} from
 * {@code minAvailable} or {@code maxUnavailable} (percentages of the expected pods).
 */
final class PdbController implements Controller {

  private final KubernetesClient client;
  private final Listings listings;

  PdbController(KubernetesClient client, Listings listings) {
    this.client = client;
    this.listings = listings;
  }

  @Override
  public boolean reconcile() {
    List<PodDisruptionBudget> pdbs =
        listings.list(
            "poddisruptionbudgets",
            () -> client.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems());
    if (pdbs.isEmpty()) {
      return false;
    }
    List<Pod> pods = listings.pods(client);
    boolean changed = false;
    for (PodDisruptionBudget pdb : pdbs) {
      try {
        changed |= sync(pdb, pods);
      } catch (KubernetesClientException e) {
        changed = true;
      }
    }
    return changed;
  }

  private boolean sync(PodDisruptionBudget pdb, List<Pod> pods) {
    List<Pod> selected =
        pods.stream()
            .filter(p -> p.getMetadata().getNamespace().equals(pdb.getMetadata().getNamespace()))
            .filter(Pods::isActive)
            .filter(
                p ->
                    LabelSelectors.matches(
                        pdb.getSpec().getSelector(), p.getMetadata().getLabels()))
            .toList();
    int expected = selected.size();
    int healthy = (int) selected.stream().filter(Pods::isReady).count();
    int desiredHealthy;
    if (pdb.getSpec().getMaxUnavailable() != null) {
      desiredHealthy =
          Math.max(
              0,
              expected
                  - IntOrPercent.resolve(pdb.getSpec().getMaxUnavailable(), expected, true, 0));
    } else {
      desiredHealthy = IntOrPercent.resolve(pdb.getSpec().getMinAvailable(), expected, true, 1);
    }
    int allowed = Math.max(0, healthy - desiredHealthy);
    PodDisruptionBudgetStatus status =
        new PodDisruptionBudgetStatusBuilder()
            .withObservedGeneration(pdb.getMetadata().getGeneration())
            .withExpectedPods(expected)
            .withCurrentHealthy(healthy)
            .withDesiredHealthy(desiredHealthy)
            .withDisruptionsAllowed(allowed)
            .build();
    if (Objects.equals(status, pdb.getStatus())) {
      return false;
    }
    client.resource(new PodDisruptionBudgetBuilder(pdb).withStatus(status).build()).updateStatus();
    return true;
  }
}
