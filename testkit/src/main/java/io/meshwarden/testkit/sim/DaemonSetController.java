package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * DaemonSets: one pod per simulated node ({@code spec.nodeName} set), replaced one node at a time
 * ({@code maxUnavailable} 1) when the template changes.
 */
final class DaemonSetController implements Controller {

  private final KubernetesClient client;
  private final Listings listings;
  private final PodCreator pods;
  private final Names names;
  private final EventLog events;
  private final List<String> nodes;

  DaemonSetController(
      KubernetesClient client,
      Listings listings,
      PodCreator pods,
      Names names,
      EventLog events,
      List<String> nodes) {
    this.client = client;
    this.listings = listings;
    this.pods = pods;
    this.names = names;
    this.events = events;
    this.nodes = nodes;
  }

  @Override
  public boolean reconcile() {
    Map<String, List<Pod>> byOwner = listings.podsByOwner(client);
    boolean changed = false;
    for (DaemonSet ds :
        listings.list(
            "daemonsets", () -> client.apps().daemonSets().inAnyNamespace().list().getItems())) {
      try {
        changed |= sync(ds, byOwner.getOrDefault(ds.getMetadata().getUid(), List.of()));
      } catch (KubernetesClientException e) {
        changed = true;
      }
    }
    return changed;
  }

  private boolean sync(DaemonSet ds, List<Pod> owned) {
    String hash = Names.templateHash(ds.getSpec().getTemplate());
    List<Pod> active = owned.stream().filter(Pods::isActive).toList();
    boolean changed = false;
    for (String node : nodes) {
      boolean has = active.stream().anyMatch(p -> node.equals(p.getSpec().getNodeName()));
      if (!has && pods.heldFor(ds.getMetadata().getUid()) == 0) {
        Pod pod =
            Pods.fromTemplate(
                ds.getSpec().getTemplate(),
                ds.getMetadata().getNamespace(),
                ds.getMetadata().getName() + "-" + names.suffix(),
                Map.of(StatefulSetController.REVISION_LABEL, hash),
                Names.controllerRef(ds));
        pod.getSpec().setNodeName(node);
        pods.create(pod);
        changed = true;
      }
    }
    boolean allReady = active.size() == nodes.size() && active.stream().allMatch(Pods::isReady);
    if (!changed && allReady) {
      for (Pod pod : active) {
        if (!hash.equals(pod.getMetadata().getLabels().get(StatefulSetController.REVISION_LABEL))) {
          Cluster.deletePod(client, events, pod);
          return true;
        }
      }
    }
    int ready = (int) active.stream().filter(Pods::isReady).count();
    int updated =
        (int)
            active.stream()
                .filter(
                    p ->
                        hash.equals(
                            p.getMetadata().getLabels().get(StatefulSetController.REVISION_LABEL)))
                .count();
    DaemonSetStatus status =
        new DaemonSetStatusBuilder()
            .withObservedGeneration(ds.getMetadata().getGeneration())
            .withDesiredNumberScheduled(nodes.size())
            .withCurrentNumberScheduled(active.size())
            .withNumberReady(ready)
            .withNumberAvailable(ready)
            .withNumberUnavailable(nodes.size() - ready)
            .withUpdatedNumberScheduled(updated)
            .withNumberMisscheduled(0)
            .build();
    if (!changed && !Objects.equals(status, ds.getStatus())) {
      client.resource(new DaemonSetBuilder(ds).withStatus(status).build()).updateStatus();
      changed = true;
    }
    return changed;
  }
}
