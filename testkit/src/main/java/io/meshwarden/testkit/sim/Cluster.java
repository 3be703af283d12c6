package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads and deletes the controllers share. */
final class Cluster {

  private Cluster() {}

  /** Deletes a pod at once (the simulation has no grace period) and logs it. */
  static void deletePod(KubernetesClient client, EventLog events, Pod pod) {
    client
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .delete();
    events.record(
        SimEvent.Type.POD_DELETED,
        pod.getMetadata().getNamespace(),
        pod.getMetadata().getName(),
        "");
  }

  static <T> Map<String, List<T>> group(List<T> items, java.util.function.Function<T, String> key) {
    return items.stream().collect(Collectors.groupingBy(key));
  }
}
