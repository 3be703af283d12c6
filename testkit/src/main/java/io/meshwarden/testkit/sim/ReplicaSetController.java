package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps each ReplicaSet's pod count at {@code spec.replicas}: creates pods named {@code <rs>-<5
 * chars>} through the injector, deletes the excess (not ready first, then newest), and writes
 * {@code status} (replicas, ready, available, observedGeneration).
 */
final class ReplicaSetController implements Controller {

  private final KubernetesClient client;
  private final Listings listings;
  private final PodCreator pods;
  private final Names names;
  private final EventLog events;

  ReplicaSetController(
      KubernetesClient client, Listings listings, PodCreator pods, Names names, EventLog events) {
    this.client = client;
    this.listings = listings;
    this.pods = pods;
    this.names = names;
    this.events = events;
  }

  @Override
  public boolean reconcile() {
    Map<String, List<Pod>> byOwner = listings.podsByOwner(client);
    boolean changed = false;
    for (ReplicaSet rs :
        listings.list(
            "replicasets", () -> client.apps().replicaSets().inAnyNamespace().list().getItems())) {
      try {
        changed |= sync(rs, byOwner.getOrDefault(rs.getMetadata().getUid(), List.of()));
      } catch (KubernetesClientException e) {
        changed = true; // retried on the next pass
      }
    }
    return changed;
  }

  private boolean sync(ReplicaSet rs, List<Pod> owned) {
    List<Pod> active = owned.stream().filter(Pods::isActive).toList();
    int desired = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    int diff = desired - active.size() - pods.heldFor(rs.getMetadata().getUid());
    boolean changed = false;
    String ns = rs.getMetadata().getNamespace();
    for (int i = 0; i < diff; i++) {
      String name = rs.getMetadata().getName() + "-" + names.suffix();
      pods.create(
          Pods.fromTemplate(
              rs.getSpec().getTemplate(), ns, name, Map.of(), Names.controllerRef(rs)));
      changed = true;
    }
    if (diff < 0) {
      for (Pod pod : active.stream().sorted(Pods.DELETE_FIRST).limit(-diff).toList()) {
        Cluster.deletePod(client, events, pod);
      }
      changed = true;
    }
    if (changed) {
      return true;
    }
    ReplicaSetStatus status = status(rs, active);
    if (!Objects.equals(status, rs.getStatus())) {
      client.resource(new ReplicaSetBuilder(rs).withStatus(status).build()).updateStatus();
      return true;
    }
    return false;
  }

  private static ReplicaSetStatus status(ReplicaSet rs, List<Pod> active) {
    int ready = (int) active.stream().filter(Pods::isReady).count();
    return new ReplicaSetStatusBuilder()
        .withReplicas(active.size())
        .withFullyLabeledReplicas(active.size())
        .withReadyReplicas(ready)
        .withAvailableReplicas(ready)
        .withObservedGeneration(rs.getMetadata().getGeneration())
        .build();
  }
}
