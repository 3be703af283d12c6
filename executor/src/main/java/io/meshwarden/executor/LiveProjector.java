package io.meshwarden.executor;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.protocol.ObjectFacts;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects live API objects with the watcher's own {@link FactProjector} (same settings, same
 * filters, same entry point: fabric8's serialisation turns the object into maps in memory, no JSON
 * text), so the rule the executor re-checks sees exactly what the stream's rules saw.
 */
final class LiveProjector {

  private static final Logger LOG = LoggerFactory.getLogger(LiveProjector.class);

  private final KubernetesSerialization serialization;
  private final FactProjector projector;

  LiveProjector(KubernetesSerialization serialization, String cluster, Clock clock) {
    this.serialization = serialization;
    this.projector = new FactProjector(cluster, MeshKeys.standard(), clock);
  }

  /**
   * The facts of one object; empty for an object the projector does not keep or cannot read (the
   * watcher reports those; here they simply count as absent).
   */
  List<ObjectFacts> project(HasMetadata object) {
    @SuppressWarnings("unchecked")
    Map<String, Object> values = serialization.convertValue(object, Map.class);
    if (values == null) {
      return List.of();
    }
    // List items of typed lists may come without kind and apiVersion; the class knows both.
    values.putIfAbsent("kind", HasMetadata.getKind(object.getClass()));
    values.putIfAbsent("apiVersion", HasMetadata.getApiVersion(object.getClass()));
    List<ObjectFacts> facts = projector.projectMap(values).facts();
    if (facts.isEmpty()) {
      LOG.debug("{} {} projects to no fact", values.get("kind"), object.getMetadata().getName());
    }
    return facts;
  }
}
