package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Deployment → ReplicaSets. The ReplicaSet for the current template is {@code
 * <deploy>-<pod-template-hash>}; a template change (e.g. a new {@code
 * kubectl.kubernetes.io/restartedAt}) starts a rolling update that scales the new set up within
 * {@code maxSurge} and the old ones down within {@code maxUnavailable} (defaults 25%/25%), or
 * {@code Recreate}. Status is written as {@code kubectl rollout status} reads it.
 */
final class DeploymentController implements Controller {

  static final String HASH_LABEL = "pod-template-hash";
  private static final String REVISION = "deployment.kubernetes.io/revision";

  private final KubernetesClient client;
  private final Listings listings;
  private final EventLog events;
  private final Set<String> rollingOut = new HashSet<>();

  DeploymentController(KubernetesClient client, Listings listings, EventLog events) {
    this.client = client;
    this.listings = listings;
    this.events = events;
  }

  @Override
  public boolean reconcile() {
    Map<String, List<ReplicaSet>> byOwner =
        Cluster.group(
            listings
                .list(
                    "replicasets",
                    () -> client.apps().replicaSets().inAnyNamespace().list().getItems())
                .stream()
                .filter(rs -> Names.controllerUid(rs) != null)
                .toList(),
            Names::controllerUid);
    Map<String, List<Pod>> pods = listings.podsByOwner(client);
    boolean changed = false;
    for (Deployment d :
        listings.list(
            "deployments", () -> client.apps().deployments().inAnyNamespace().list().getItems())) {
      try {
        changed |= sync(d, byOwner.getOrDefault(d.getMetadata().getUid(), List.of()), pods);
      } catch (KubernetesClientException e) {
        changed = true;
      }
    }
    return changed;
  }

  private boolean sync(Deployment d, List<ReplicaSet> owned, Map<String, List<Pod>> pods) {
    if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
      return false;
    }
    String hash = Names.templateHash(d.getSpec().getTemplate());
    ReplicaSet newRs =
        owned.stream()
            .filter(rs -> hash.equals(labels(rs).get(HASH_LABEL)))
            .findFirst()
            .orElse(null);
    List<ReplicaSet> old =
        owned.stream()
            .filter(rs -> rs != newRs)
            .sorted(Comparator.comparing(DeploymentController::revision))
            .toList();
    if (newRs == null) {
      createReplicaSet(d, hash, old);
      return true;
    }
    Counts counts = new Counts(pods);
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    boolean recreate =
        d.getSpec().getStrategy() != null && "Recreate".equals(d.getSpec().getStrategy().getType());
    boolean changed =
        recreate ? recreate(newRs, old, desired, counts) : roll(d, newRs, old, desired, counts);
    return writeStatus(d, newRs, owned, desired, counts) || changed;
  }

  /** Active and available (ready) pods per ReplicaSet, from the pods themselves. */
  private record Counts(Map<String, List<Pod>> pods) {
    int active(ReplicaSet rs) {
      return (int) owned(rs).stream().filter(Pods::isActive).count();
    }

    int available(ReplicaSet rs) {
      return (int) owned(rs).stream().filter(Pods::isActive).filter(Pods::isReady).count();
    }

    private List<Pod> owned(ReplicaSet rs) {
      return pods.getOrDefault(rs.getMetadata().getUid(), List.of());
    }
  }

  private boolean roll(
      Deployment d, ReplicaSet newRs, List<ReplicaSet> old, int desired, Counts counts) {
    RollingUpdateDeployment rolling =
        d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getRollingUpdate();
    int surge =
        IntOrPercent.resolve(
            rolling == null ? null : rolling.getMaxSurge(), desired, true, (desired + 3) / 4);
    int unavailable =
        IntOrPercent.resolve(
            rolling == null ? null : rolling.getMaxUnavailable(), desired, false, desired / 4);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    int newSpec = specReplicas(newRs);
    int total = newSpec + old.stream().mapToInt(DeploymentController::specReplicas).sum();
    if (newSpec < desired && total < desired + surge) {
      scale(newRs, newSpec + Math.min(desired + surge - total, desired - newSpec));
      return true;
    }
    if (newSpec > desired) {
      scale(newRs, desired);
      return true;
    }
    int minAvailable = desired - unavailable;
    int maxScaledDown = total - minAvailable - (newSpec - counts.available(newRs));
    if (maxScaledDown <= 0) {
      return false;
    }
    Map<ReplicaSet, Integer> target = new LinkedHashMap<>();
    old.forEach(rs -> target.put(rs, specReplicas(rs)));
    // Old replicas that are not available go first: removing them costs no availability.
    int cleaned = 0;
    for (ReplicaSet rs : old) {
      int unhealthy = Math.max(0, target.get(rs) - counts.available(rs));
      int down = Math.min(maxScaledDown - cleaned, unhealthy);
      target.put(rs, target.get(rs) - down);
      cleaned += down;
    }
    int availableAll = counts.available(newRs) + old.stream().mapToInt(counts::available).sum();
    int removable = Math.max(0, availableAll - minAvailable);
    for (ReplicaSet rs : old) {
      int down = Math.min(target.get(rs), removable);
      target.put(rs, target.get(rs) - down);
      removable -= down;
    }
    boolean changed = false;
    for (ReplicaSet rs : old) {
      if (target.get(rs) != specReplicas(rs)) {
        scale(rs, target.get(rs));
        changed = true;
      }
    }
    return changed;
  }

  private boolean recreate(ReplicaSet newRs, List<ReplicaSet> old, int desired, Counts counts) {
    boolean changed = false;
    for (ReplicaSet rs : old) {
      if (specReplicas(rs) > 0) {
        scale(rs, 0);
        changed = true;
      }
    }
    boolean oldGone = old.stream().allMatch(rs -> counts.active(rs) == 0);
    if (!changed && oldGone && specReplicas(newRs) != desired) {
      scale(newRs, desired);
      changed = true;
    }
    return changed;
  }

  private void createReplicaSet(Deployment d, String hash, List<ReplicaSet> old) {
    PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate()).build();
    Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
    labels.put(HASH_LABEL, hash);
    template.getMetadata().setLabels(labels);
    Map<String, String> selector = new LinkedHashMap<>(d.getSpec().getSelector().getMatchLabels());
    selector.put(HASH_LABEL, hash);
    long revision = old.stream().mapToLong(DeploymentController::revision).max().orElse(0) + 1;
    boolean firstRollout = old.stream().allMatch(rs -> specReplicas(rs) == 0);
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    ReplicaSet rs =
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withName(d.getMetadata().getName() + "-" + hash)
            .withNamespace(d.getMetadata().getNamespace())
            .withLabels(labels)
            .addToAnnotations(REVISION, Long.toString(revision))
            .addToAnnotations(
                "deployment.kubernetes.io/desired-replicas", Integer.toString(desired))
            .withOwnerReferences(Names.controllerRef(d))
            .endMetadata()
            .withNewSpec()
            .withReplicas(firstRollout ? desired : 0)
            .withNewSelector()
            .withMatchLabels(selector)
            .endSelector()
            .withTemplate(template)
            .endSpec()
            .build();
    client.resource(rs).create();
    rollingOut.add(d.getMetadata().getUid());
    events.record(
        SimEvent.Type.ROLLOUT_STARTED,
        d.getMetadata().getNamespace(),
        d.getMetadata().getName(),
        "revision " + revision + ", replicaset " + rs.getMetadata().getName());
  }

  private boolean writeStatus(
      Deployment d, ReplicaSet newRs, List<ReplicaSet> owned, int desired, Counts counts) {
    int replicas = owned.stream().mapToInt(counts::active).sum();
    int available = owned.stream().mapToInt(counts::available).sum();
    int ready = available;
    int updated = counts.active(newRs);
    boolean complete = updated == desired && replicas == desired && available == desired;
    DeploymentStatus status =
        new DeploymentStatusBuilder()
            .withObservedGeneration(d.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withUpdatedReplicas(updated)
            .withReadyReplicas(ready)
            .withAvailableReplicas(available)
            .withUnavailableReplicas(Math.max(0, desired - available))
            .addNewCondition()
            .withType("Available")
            .withStatus(available >= desired - unavailableAllowed(d, desired) ? "True" : "False")
            .withReason("MinimumReplicasAvailable")
            .endCondition()
            .addNewCondition()
            .withType("Progressing")
            .withStatus("True")
            .withReason(complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated")
            .withMessage(
                "ReplicaSet \""
                    + newRs.getMetadata().getName()
                    + "\" "
                    + (complete ? "has successfully progressed." : "is progressing."))
            .endCondition()
            .build();
    boolean changed = false;
    if (!Objects.equals(status, d.getStatus())) {
      client.resource(new DeploymentBuilder(d).withStatus(status).build()).updateStatus();
      changed = true;
    }
    if (complete && rollingOut.remove(d.getMetadata().getUid())) {
      events.record(
          SimEvent.Type.ROLLOUT_FINISHED,
          d.getMetadata().getNamespace(),
          d.getMetadata().getName(),
          "replicaset " + newRs.getMetadata().getName());
    }
    return changed;
  }

  private static int unavailableAllowed(Deployment d, int desired) {
    RollingUpdateDeployment rolling =
        d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getRollingUpdate();
    return IntOrPercent.resolve(
        rolling == null ? null : rolling.getMaxUnavailable(), desired, false, desired / 4);
  }

  private void scale(ReplicaSet rs, int replicas) {
    client
        .apps()
        .replicaSets()
        .inNamespace(rs.getMetadata().getNamespace())
        .withName(rs.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
  }

  private static Map<String, String> labels(ReplicaSet rs) {
    return rs.getMetadata().getLabels() == null ? Map.of() : rs.getMetadata().getLabels();
  }

  private static long revision(ReplicaSet rs) {
    Map<String, String> a = rs.getMetadata().getAnnotations();
    return a == null || a.get(REVISION) == null ? 0 : Long.parseLong(a.get(REVISION));
  }

  private static int specReplicas(ReplicaSet rs) {
    return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
  }
}
