package io.meshwarden.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.protocol.ObjectFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

/**
 * Projects live API objects with the watcher's own {@link FactProjector} (same settings, same
 * filters), so the executor's rules see exactly what the stream's rules saw.
 */
final class LiveProjector {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FactProjector projector;

  LiveProjector(String cluster, Clock clock) {
    this.projector = new FactProjector(cluster, MeshKeys.standard(), clock);
  }

  /** The facts of one object; empty for an object the projector does not keep. */
  List<ObjectFacts> project(HasMetadata object) {
    return projector.projectAll(tree(object));
  }

  private static JsonNode tree(HasMetadata object) {
    try {
      return JSON.readTree(Serialization.asJson(object));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
