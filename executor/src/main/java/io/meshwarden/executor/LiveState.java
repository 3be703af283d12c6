package io.meshwarden.executor;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.core.remediation.PodRollout;
import io.meshwarden.core.remediation.RolloutState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads one workload, its pods, namespace and disruption budgets straight from the API server (the
 * executor acts on live state, never on the stream's or a cache's), as two things: where its
 * rollout stands, and the workload and its pods projected to facts for the rule that re-checks the
 * finding. Read-only.
 */
final class LiveState {

  /**
   * One workload now.
   *
   * @param rollout what the guards and the rollout follower read
   * @param facts the workload and its pods, projected as the watcher projects them
   */
  record Observed(RolloutState rollout, List<ObjectFacts> facts) {}

  private final KubernetesClient client;
  private final LiveProjector projector;

  LiveState(KubernetesClient client, LiveProjector projector) {
    this.client = client;
    this.projector = projector;
  }

  /** The workload now, or empty when it does not exist (or is not a kind we restart). */
  Optional<Observed> workload(ObjectRef ref) {
    String ns = ref.namespace();
    HasMetadata object =
        switch (ref.kind()) {
          case "Deployment" ->
              client.apps().deployments().inNamespace(ns).withName(ref.name()).get();
          case "StatefulSet" ->
              client.apps().statefulSets().inNamespace(ns).withName(ref.name()).get();
          case "DaemonSet" -> client.apps().daemonSets().inNamespace(ns).withName(ref.name()).get();
          default -> null;
        };
    if (object == null) {
      return Optional.empty();
    }
    Shape shape = shape(object);
    // The API filters by matchLabels; matchExpressions are applied here, with the same selector
    // semantics as everywhere else.
    var selector = LabelSelectors.of(shape.selector());
    List<Pod> livePods =
        client
            .pods()
            .inNamespace(ns)
            .withLabels(shape.selector().getMatchLabels())
            .list()
            .getItems()
            .stream()
            .filter(p -> selector.matches(orEmpty(p.getMetadata().getLabels())))
            .toList();
    List<PodRollout> pods = livePods.stream().map(LiveState::pod).toList();
    List<ObjectFacts> facts = new ArrayList<>(projector.project(object));
    livePods.forEach(p -> facts.addAll(projector.project(p)));
    Namespace namespace = client.namespaces().withName(ns).get();
    ObjectMeta nsMeta = namespace == null ? new ObjectMeta() : namespace.getMetadata();
    Map<String, String> podLabels = orEmpty(shape.template().getMetadata().getLabels());
    Integer allowed =
        client.policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems().stream()
            .filter(pdb -> selects(pdb, podLabels))
            .map(pdb -> pdb.getStatus() == null ? 0 : pdb.getStatus().getDisruptionsAllowed())
            .map(v -> v == null ? 0 : v)
            .min(Integer::compare)
            .orElse(null);
    ObjectMeta meta = object.getMetadata();
    RolloutState rollout =
        new RolloutState(
            new ObjectRef(ref.kind(), ns, ref.name(), meta.getUid()),
            meta.getResourceVersion(),
            orEmpty(meta.getLabels()),
            orEmpty(meta.getAnnotations()),
            orEmpty(shape.template().getMetadata().getAnnotations()),
            shape.desired(),
            pods,
            orEmpty(nsMeta.getLabels()),
            orEmpty(nsMeta.getAnnotations()),
            allowed,
            shape.settled());
    return Optional.of(new Observed(rollout, facts));
  }

  private record Shape(
      LabelSelector selector, PodTemplateSpec template, int desired, boolean settled) {}

  private static Shape shape(HasMetadata object) {
    long generation = Objects.requireNonNullElse(object.getMetadata().getGeneration(), 0L);
    if (object instanceof Deployment d) {
      int want = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
      var s = d.getStatus();
      boolean settled =
          s != null
              && Objects.requireNonNullElse(s.getObservedGeneration(), 0L) >= generation
              && eq(s.getUpdatedReplicas(), want)
              && eq(s.getReplicas(), want)
              && eq(s.getAvailableReplicas(), want);
      return new Shape(d.getSpec().getSelector(), d.getSpec().getTemplate(), want, settled);
    }
    if (object instanceof StatefulSet st) {
      int want = Objects.requireNonNullElse(st.getSpec().getReplicas(), 1);
      var s = st.getStatus();
      boolean settled =
          s != null
              && eq(s.getReadyReplicas(), want)
              && Objects.equals(s.getCurrentRevision(), s.getUpdateRevision());
      return new Shape(st.getSpec().getSelector(), st.getSpec().getTemplate(), want, settled);
    }
    DaemonSet ds = (DaemonSet) object;
    var s = ds.getStatus();
    int want = s == null ? 0 : Objects.requireNonNullElse(s.getDesiredNumberScheduled(), 0);
    boolean settled =
        s != null && eq(s.getUpdatedNumberScheduled(), want) && eq(s.getNumberAvailable(), want);
    return new Shape(ds.getSpec().getSelector(), ds.getSpec().getTemplate(), want, settled);
  }

  static PodRollout pod(Pod pod) {
    boolean active =
        pod.getMetadata().getDeletionTimestamp() == null
            && pod.getStatus() != null
            && !"Succeeded".equals(pod.getStatus().getPhase())
            && !"Failed".equals(pod.getStatus().getPhase());
    boolean ready =
        pod.getStatus() != null
            && pod.getStatus().getConditions() != null
            && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    return new PodRollout(
        pod.getMetadata().getName(), active, ready, orEmpty(pod.getMetadata().getAnnotations()));
  }

  private static boolean selects(PodDisruptionBudget pdb, Map<String, String> podLabels) {
    LabelSelector sel = pdb.getSpec() == null ? null : pdb.getSpec().getSelector();
    // policy/v1: a PDB without a selector selects no pod; an empty one ({}) selects every pod.
    return sel != null && LabelSelectors.of(sel).matches(podLabels);
  }

  private static boolean eq(Integer value, int want) {
    return value != null && value == want;
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> m) {
    return m == null ? Map.of() : m;
  }

  private static <T> List<T> orEmpty(List<T> l) {
    return l == null ? List.of() : l;
  }
}
