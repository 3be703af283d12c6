package io.meshwarden.executor;
import io.meshwarden.core.remediation.MeshSnapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.core.model.MeshViewBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the control plane live and projects it with the watcher's own {@link FactProjector}, so the
 * executor judges revisions, tags and proxy images exactly as the rules do.
 */
final class MeshReader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REV_LABEL = "istio.io/rev";

  private final KubernetesClient client;
  private final String controlPlaneNamespace;
  private final FactProjector projector;
  private final Clock clock;

  MeshReader(KubernetesClient client, String cluster, String controlPlaneNamespace, Clock clock) {
    this.client = client;
    this.controlPlaneNamespace = controlPlaneNamespace;
    this.projector = new FactProjector(cluster, MeshKeys.standard(), clock);
    this.clock = clock;
  }

  MeshSnapshot read() {
    MeshViewBuilder builder = new MeshViewBuilder(clock.instant());
    client.configMaps().inNamespace(controlPlaneNamespace).list().getItems().stream()
        .filter(cm -> cm.getMetadata().getName().startsWith("istio-sidecar-injector"))
        .forEach(cm -> builder.addAll(projector.projectAll(tree(cm))));
    client
        .admissionRegistration()
        .v1()
        .mutatingWebhookConfigurations()
        .list()
        .getItems()
        .forEach(w -> builder.addAll(projector.projectAll(tree(w))));
    Map<String, Boolean> ready = new HashMap<>();
    for (Pod pod :
        client.pods().inNamespace(controlPlaneNamespace).withLabel(REV_LABEL).list().getItems()) {
      String rev = pod.getMetadata().getLabels().get(REV_LABEL);
      ready.merge(rev, LiveState.pod(pod).ready(), Boolean::logicalOr);
    }
    Set<String> services = new HashSet<>();
    client
        .services()
        .inNamespace(controlPlaneNamespace)
        .list()
        .getItems()
        .forEach(s -> services.add(controlPlaneNamespace + "/" + s.getMetadata().getName()));
    return new MeshSnapshot(builder.build(), ready, services);
  }

  private static JsonNode tree(HasMetadata object) {
    try {
      return JSON.readTree(Serialization.asJson(object));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
