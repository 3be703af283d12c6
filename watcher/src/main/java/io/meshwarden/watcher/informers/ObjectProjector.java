package io.meshwarden.watcher.informers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.projection.Projection;
import java.util.Map;

/**
 * Projects a fabric8 object. fabric8's own serialisation (which knows its model's quirks such as
 * IntOrString) converts it to plain maps and lists in memory, with no JSON text written or parsed,
 * and the shared {@link FactProjector} reads those ({@link FactProjector#projectMap}). List items
 * can lack {@code kind} and {@code apiVersion}; the informer's kind fills them in.
 */
public final class ObjectProjector {

  private final KubernetesSerialization serialization;
  private final FactProjector projector;

  public ObjectProjector(KubernetesSerialization serialization, FactProjector projector) {
    this.serialization = serialization;
    this.projector = projector;
  }

  /** Projects {@code obj}, an object of {@code kind} served as {@code apiVersion}. */
  public Projection project(HasMetadata obj, String kind, String apiVersion) {
    Map<String, Object> values;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> converted = serialization.convertValue(obj, Map.class);
      values = converted;
    } catch (RuntimeException e) {
      return new Projection.Invalid(kind, "", "could not be converted: " + e.getClass().getName());
    }
    if (values == null) {
      return new Projection.Invalid(kind, "", "could not be converted: no object");
    }
    if (values.get("kind") == null) {
      values.put("kind", kind);
    }
    if (values.get("apiVersion") == null) {
      values.put("apiVersion", apiVersion);
    }
    return projector.projectMap(values);
  }
}
