package io.meshwarden.watcher.informers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.projection.Projection;
import io.meshwarden.common.protocol.WireCodec;
import java.io.IOException;

/**
 * Projects a fabric8 object: serialises it with fabric8's own serialisation (which knows its
 * model's quirks such as IntOrString) to the JSON {@code kubectl} would print, reads that as a tree
 * and hands it to the shared {@link FactProjector}. List items can lack {@code kind} and {@code
 * apiVersion}; the informer's kind fills them in.
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
    JsonNode tree;
    try {
      tree = WireCodec.mapper().readTree(serialization.asJson(obj));
    } catch (IOException | RuntimeException e) {
      return new Projection.Invalid(kind, "", "could not be serialised: " + e.getClass().getName());
    }
    if (tree instanceof ObjectNode o) {
      if (!o.hasNonNull("kind")) {
        o.put("kind", kind);
      }
      if (!o.hasNonNull("apiVersion")) {
        o.put("apiVersion", apiVersion);
      }
    }
    return projector.project(tree);
  }
}
