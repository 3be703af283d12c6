package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pod predicates and the pod-from-template step the workload controllers share. */
final class Pods {

  private Pods() {}

  static boolean isActive(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return pod.getMetadata().getDeletionTimestamp() == null
        && !"Succeeded".equals(phase)
        && !"Failed".equals(phase);
  }

  static boolean isReady(Pod pod) {
    return isReady(pod.getStatus());
  }

  static boolean isReady(PodStatus status) {
    return status != null
        && status.getConditions() != null
        && status.getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Deletion order of the ReplicaSet controller: not ready first, then newest first. */
  static final Comparator<Pod> DELETE_FIRST =
      Comparator.comparing((Pod p) -> isReady(p))
          .thenComparing(
              (Pod p) ->
                  p.getMetadata().getCreationTimestamp() == null
                      ? ""
                      : p.getMetadata().getCreationTimestamp(),
              Comparator.reverseOrder())
          .thenComparing(p -> p.getMetadata().getName(), Comparator.reverseOrder());

  /** A pod from a workload's template, with extra labels, owned by {@code owner}. */
  static Pod fromTemplate(
      PodTemplateSpec template,
      String namespace,
      String name,
      Map<String, String> extraLabels,
      io.fabric8.kubernetes.api.model.OwnerReference owner) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.putAll(extraLabels);
    Map<String, String> annotations =
        template.getMetadata() == null || template.getMetadata().getAnnotations() == null
            ? null
            : new LinkedHashMap<>(template.getMetadata().getAnnotations());
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels)
        .withAnnotations(annotations)
        .withOwnerReferences(List.of(owner))
        .endMetadata()
        .withSpec(new PodBuilder().withSpec(template.getSpec()).build().getSpec())
        .build();
  }
}
