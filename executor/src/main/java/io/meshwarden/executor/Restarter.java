package io.meshwarden.executor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.meshwarden.core.remediation.Annotations;
import io.meshwarden.core.remediation.RolloutState;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Restarts a workload as {@code kubectl rollout restart} does: a JSON merge patch of {@code
 * spec.template.metadata.annotations} with {@code kubectl.kubernetes.io/restartedAt}, plus {@code
 * meshwarden.io/remediation-id}. The patch carries the resourceVersion the guards decided on, so
 * the API server refuses it (409) when the workload changed since.
 */
final class Restarter {

  private final KubernetesClient client;

  Restarter(KubernetesClient client) {
    this.client = client;
  }

  /** The restartedAt value for {@code now}: RFC 3339, whole seconds, as kubectl writes it. */
  static String restartedAt(Instant now) {
    return DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
  }

  /** Patches the template; throws KubernetesClientException (409 when stale). */
  void restart(RolloutState workload, String remediationId, String restartedAt) {
    String patch =
        "{\"metadata\":{\"resourceVersion\":\""
            + workload.resourceVersion()
            + "\"},\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\""
            + Annotations.RESTARTED_AT
            + "\":\""
            + restartedAt
            + "\",\""
            + Annotations.REMEDIATION_ID
            + "\":\""
            + remediationId.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"}}}}}";
    PatchContext merge = PatchContext.of(PatchType.JSON_MERGE);
    String ns = workload.ref().namespace();
    String name = workload.ref().name();
    switch (workload.ref().kind()) {
      case "Deployment" ->
          client.apps().deployments().inNamespace(ns).withName(name).patch(merge, patch);
      case "StatefulSet" ->
          client.apps().statefulSets().inNamespace(ns).withName(name).patch(merge, patch);
      case "DaemonSet" ->
          client.apps().daemonSets().inNamespace(ns).withName(name).patch(merge, patch);
      default -> throw new IllegalArgumentException("cannot restart a " + workload.ref().kind());
    }
  }
}
