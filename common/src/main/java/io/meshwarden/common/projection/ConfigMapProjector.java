package io.meshwarden.common.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.MeshConfigFacts;

/**
 * Projects the two kinds of ConfigMap Istio reads and skips every other one.
 *
 * <ul>
 *   <li>{@code istio-sidecar-injector} and {@code istio-sidecar-injector-<rev>}: the injector
 *       settings of a revision (see {@link InjectorConfigReader}).
 *   <li>{@code istio} and {@code istio-<rev>} with a key {@code mesh}: the mesh config of a
 *       revision, as a tree. Other {@code istio-*} ConfigMaps ({@code istio-ca-root-cert}, which
 *       sits in every injected namespace) have no {@code mesh} key and are skipped.
 * </ul>
 *
 * <p>The revision is label {@code istio.io/rev} (Istio's charts set it on both), else the name's
 * suffix, else {@code default}.
 */
final class ConfigMapProjector {

  static final String INJECTOR = "istio-sidecar-injector";
  static final String MESH = "istio";
  static final String REV_LABEL = "istio.io/rev";

  private ConfigMapProjector() {}

  static Projection project(Source src) {
    String name = src.name();
    if (hasBaseName(name, INJECTOR)) {
      return InjectorConfigReader.project(src, revision(src, name, INJECTOR));
    }
    if (hasBaseName(name, MESH)) {
      JsonNode data = Nodes.object(src.object(), "data");
      if (Nodes.get(data, "mesh") == null) {
        return src.skipped("istio-* ConfigMap without a mesh key");
      }
      return mesh(src, revision(src, name, MESH));
    }
    return src.skipped("not an Istio injector or mesh ConfigMap");
  }

  private static boolean hasBaseName(String name, String base) {
    return name.equals(base) || (name.startsWith(base) && name.charAt(base.length()) == '-');
  }

  private static String revision(Source src, String name, String base) {
    String label = src.rawLabel(REV_LABEL);
    if (label != null && !label.isEmpty()) {
      return src.intern(label);
    }
    return name.length() > base.length() + 1
        ? src.intern(name.substring(base.length() + 1))
        : "default";
  }

  private static Projection mesh(Source src, String revision) {
    FactMeta meta = src.meta(true);
    String text = dataText(src, "mesh");
    JsonNode mesh;
    try {
      mesh = EmbeddedDocuments.yaml(text);
    } catch (JsonProcessingException e) {
      throw new InvalidField("data.mesh", "not valid YAML: " + EmbeddedDocuments.describe(e));
    }
    if (mesh == null) {
      mesh = JsonNodeFactory.instance.objectNode();
    } else if (!mesh.isObject()) {
      throw new InvalidField(
          "data.mesh", "expected a YAML mapping but got " + Nodes.describe(mesh));
    }
    return src.projected(new MeshConfigFacts(null, null, meta, revision, mesh));
  }

  /** The text of {@code data.<key>}, or null when absent. */
  static String dataText(Source src, String key) {
    try {
      return Nodes.text(Nodes.object(src.object(), "data"), key);
    } catch (InvalidField e) {
      throw e.under("data");
    }
  }
}
