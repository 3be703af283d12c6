package io.meshwarden.common.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Identity and provenance shared by every fact: where it came from, which version of the object it
 * describes and when the watcher saw it. Labels and annotations are already filtered to the keys
 * that matter to the mesh (see {@link MeshKeys}).
 *
 * @param cluster the cluster name the watcher was configured with
 * @param namespace the object's namespace, or {@code ""} for cluster-scoped objects
 * @param name the object's name
 * @param uid the object's uid
 * @param resourceVersion the object's resourceVersion when it was projected
 * @param observedAt when the watcher observed this version
 * @param creationTimestamp the object's creation time, if known
 * @param labels filtered labels
 * @param annotations filtered annotations
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FactMeta(
    String cluster,
    String namespace,
    String name,
    String uid,
    String resourceVersion,
    Instant observedAt,
    Instant creationTimestamp,
    Map<String, String> labels,
    Map<String, String> annotations) {

  public FactMeta {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(name, "name");
    namespace = namespace == null ? "" : namespace;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /** A copy with other labels and annotations (both already filtered). */
  public FactMeta withLabelsAndAnnotations(
      Map<String, String> newLabels, Map<String, String> newAnnotations) {
    return new FactMeta(
        cluster,
        namespace,
        name,
        uid,
        resourceVersion,
        observedAt,
        creationTimestamp,
        newLabels,
        newAnnotations);
  }
}
