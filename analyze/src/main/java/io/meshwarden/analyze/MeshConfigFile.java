package io.meshwarden.analyze;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.projection.Projection;
import io.meshwarden.common.protocol.MeshConfigFacts;
import io.meshwarden.common.protocol.ObjectFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A mesh configuration given on the command line ({@code --mesh-config}, istioctl's {@code
 * --meshConfigFile}): the YAML that ConfigMap {@code istio} holds under {@code mesh}. It is read as
 * that ConfigMap would be, with the same projector, and replaces the default revision's mesh
 * configuration of the files, as istioctl's does.
 */
final class MeshConfigFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MeshConfigFile() {}

  /**
   * {@code facts} with the mesh configuration of {@code file} in place of the default revision's.
   *
   * @throws BadInputException when the file cannot be read or is not a mesh configuration
   */
  static List<ObjectFacts> apply(Path file, List<ObjectFacts> facts, FactProjector projector)
      throws BadInputException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadInputException(
          file + ": cannot read the mesh configuration: " + e.getMessage(), e);
    }
    ObjectNode configMap = JSON.createObjectNode();
    configMap.put("apiVersion", "v1");
    configMap.put("kind", "ConfigMap");
    configMap.putObject("metadata").put("name", "istio").put("namespace", "istio-system");
    configMap.putObject("data").put("mesh", text);
    Projection projected = projector.project(configMap);
    List<ObjectFacts> mesh = projected.facts();
    if (mesh.stream().noneMatch(MeshConfigFacts.class::isInstance)) {
      throw new BadInputException(
          file + ": not a mesh configuration (the YAML of a MeshConfig expected)", null);
    }
    List<ObjectFacts> out = new ArrayList<>();
    for (ObjectFacts f : facts) {
      if (!(f instanceof MeshConfigFacts mc && isDefault(mc.revision()))) {
        out.add(f);
      }
    }
    out.addAll(mesh);
    return out;
  }

  private static boolean isDefault(String revision) {
    return revision == null || revision.isEmpty() || "default".equals(revision);
  }
}
