package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * StatefulSets with {@code OrderedReady} pods {@code <sts>-0..n-1}: one pod at a time, each only
 * once the lower ones are ready; scale-down from the top; a rolling update replaces pods from the
 * highest ordinal down, one at a time, each once all others are ready.
 */
final class StatefulSetController implements Controller {

  static final String REVISION_LABEL = "controller-revision-hash";
  private final KubernetesClient client;
  private final Listings listings;
  private final PodCreator pods;
  private final EventLog events;

  StatefulSetController(
      KubernetesClient client, Listings listings, PodCreator pods, EventLog events) {
    this.client = client;
    this.listings = listings;
    this.pods = pods;
    this.events = events;
  }

  @Override
  public boolean reconcile() {
    Map<String, List<Pod>> byOwner = listings.podsByOwner(client);
    boolean changed = false;
    for (StatefulSet sts :
        listings.list(
            "statefulsets",
            () -> client.apps().statefulSets().inAnyNamespace().list().getItems())) {
      try {
        changed |= sync(sts, byOwner.getOrDefault(sts.getMetadata().getUid(), List.of()));
      } catch (KubernetesClientException e) {
        changed = true;
      }
    }
    return changed;
  }

  private boolean sync(StatefulSet sts, List<Pod> owned) {
    String name = sts.getMetadata().getName();
    String revision = name + "-" + Names.templateHash(sts.getSpec().getTemplate());
    int replicas = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
    Map<Integer, Pod> byOrdinal = new HashMap<>();
    for (Pod pod : owned) {
      String podName = pod.getMetadata().getName();
      byOrdinal.put(Integer.parseInt(podName.substring(name.length() + 1)), pod);
    }
    for (int i = 0; i < replicas; i++) {
      Pod pod = byOrdinal.get(i);
      if (pod == null) {
        if (pods.heldFor(sts.getMetadata().getUid()) == 0) {
          pods.create(
              Pods.fromTemplate(
                  sts.getSpec().getTemplate(),
                  sts.getMetadata().getNamespace(),
                  name + "-" + i,
                  Map.of(
                      REVISION_LABEL,
                      revision,
                      "statefulset.kubernetes.io/pod-name",
                      name + "-" + i,
                      "apps.kubernetes.io/pod-index",
                      Integer.toString(i)),
                  Names.controllerRef(sts)));
        }
        return true;
      }
      if (!Pods.isReady(pod)) {
        return writeStatus(sts, owned, revision);
      }
    }
    for (int i = byOrdinal.keySet().stream().max(Integer::compare).orElse(-1); i >= replicas; i--) {
      if (byOrdinal.containsKey(i)) {
        Cluster.deletePod(client, events, byOrdinal.get(i));
        return true;
      }
    }
    for (int i = replicas - 1; i >= 0; i--) {
      Pod pod = byOrdinal.get(i);
      if (!revision.equals(pod.getMetadata().getLabels().get(REVISION_LABEL))) {
        Cluster.deletePod(client, events, pod);
        return true;
      }
    }
    return writeStatus(sts, owned, revision);
  }

  private boolean writeStatus(StatefulSet sts, List<Pod> owned, String revision) {
    List<Pod> active = owned.stream().filter(Pods::isActive).toList();
    int ready = (int) active.stream().filter(Pods::isReady).count();
    int updated =
        (int)
            active.stream()
                .filter(p -> revision.equals(p.getMetadata().getLabels().get(REVISION_LABEL)))
                .count();
    boolean allUpdated = updated == active.size();
    String current =
        allUpdated
            ? revision
            : sts.getStatus() == null || sts.getStatus().getCurrentRevision() == null
                ? revision
                : sts.getStatus().getCurrentRevision();
    StatefulSetStatus status =
        new StatefulSetStatusBuilder()
            .withObservedGeneration(sts.getMetadata().getGeneration())
            .withReplicas(active.size())
            .withReadyReplicas(ready)
            .withAvailableReplicas(ready)
            .withCurrentReplicas(allUpdated ? active.size() : active.size() - updated)
            .withUpdatedReplicas(updated)
            .withCurrentRevision(current)
            .withUpdateRevision(revision)
            .build();
    if (Objects.equals(status, sts.getStatus())) {
      return false;
    }
    client.resource(new StatefulSetBuilder(sts).withStatus(status).build()).updateStatus();
    return true;
  }
}
