package io.meshwarden.common.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.InjectorConfigFacts;
import io.meshwarden.common.protocol.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads ConfigMap {@code istio-sidecar-injector[-<rev>]}: key {@code config} (YAML: {@code policy},
 * {@code neverInjectSelector}, {@code alwaysInjectSelector}, {@code defaultTemplates}; the
 * templates themselves are not kept) and key {@code values} (the Helm values as JSON).
 *
 * <p>Native sidecars: Istio turns them on with istiod's environment variable {@code
 * ENABLE_NATIVE_SIDECARS}, which the charts set from {@code values.pilot.env} and copy into this
 * ConfigMap's {@code values}. {@code true} or {@code false} there is the answer; anything else
 * (absent, or {@code auto}, where Istio decides by the kubelet's version) leaves {@code
 * nativeSidecar} unknown (null), and the rules fall back to what the pods show.
 */
final class InjectorConfigReader {

  static final String NATIVE_SIDECARS_ENV = "ENABLE_NATIVE_SIDECARS";

  private InjectorConfigReader() {}

  static Projection project(Source src, String revision) {
    FactMeta meta = src.meta(true);
    String configText = ConfigMapProjector.dataText(src, "config");
    String valuesText = ConfigMapProjector.dataText(src, "values");
    if (configText == null && valuesText == null) {
      throw new InvalidField("data.config", "missing (and no data.values either)");
    }
    JsonNode config = parse(configText, "config", true);
    JsonNode values = parse(valuesText, "values", false);
    List<LabelSelector> never;
    List<LabelSelector> always;
    String policy;
    List<String> defaultTemplates;
    try {
      policy = Nodes.text(config, "policy");
      never = Selectors.list(src, Nodes.get(config, "neverInjectSelector"), "neverInjectSelector");
      always =
          Selectors.list(src, Nodes.get(config, "alwaysInjectSelector"), "alwaysInjectSelector");
      defaultTemplates = strings(Nodes.array(config, "defaultTemplates"), "defaultTemplates");
    } catch (InvalidField e) {
      throw new InvalidField("data.config", e.field() + ": " + e.reason());
    }
    try {
      return src.projected(
          new InjectorConfigFacts(
              null,
              null,
              meta,
              revision,
              policy,
              never,
              always,
              flagAt(values, "sidecarInjectorWebhook.enableNamespacesByDefault"),
              src.intern(textAt(values, "global.hub")),
              src.intern(textAt(values, "global.tag")),
              src.intern(textAt(values, "global.proxy.image")),
              src.intern(textAt(values, "global.variant")),
              flagAt(values, "sidecarInjectorWebhook.rewriteAppHTTPProbe"),
              flagAt(values, "pilot.env." + NATIVE_SIDECARS_ENV),
              defaultTemplates));
    } catch (InvalidField e) {
      throw new InvalidField("data.values", e.field() + ": " + e.reason());
    }
  }

  /** The scalar at a dotted path of objects, or null; invalid errors name the whole path. */
  private static String textAt(JsonNode root, String path) {
    int dot = path.lastIndexOf('.');
    JsonNode parent = objectAt(root, path.substring(0, dot));
    try {
      return Nodes.text(parent, path.substring(dot + 1));
    } catch (InvalidField e) {
      throw new InvalidField(path, e.reason());
    }
  }

  private static Boolean flagAt(JsonNode root, String path) {
    int dot = path.lastIndexOf('.');
    JsonNode parent = objectAt(root, path.substring(0, dot));
    try {
      return flag(parent, path.substring(dot + 1));
    } catch (InvalidField e) {
      throw new InvalidField(path, e.reason());
    }
  }

  private static JsonNode objectAt(JsonNode root, String path) {
    JsonNode n = root;
    int start = 0;
    while (n != null && start <= path.length()) {
      int dot = path.indexOf('.', start);
      int end = dot < 0 ? path.length() : dot;
      try {
        n = Nodes.object(n, path.substring(start, end));
      } catch (InvalidField e) {
        throw new InvalidField(path.substring(0, end), e.reason());
      }
      start = end + 1;
    }
    return n;
  }

  private static JsonNode parse(String text, String key, boolean yaml) {
    if (text == null || text.isBlank()) {
      return null;
    }
    JsonNode tree;
    try {
      tree = yaml ? EmbeddedDocuments.yaml(text) : EmbeddedDocuments.json(text);
    } catch (JsonProcessingException e) {
      throw new InvalidField(
          "data." + key,
          "not valid " + (yaml ? "YAML" : "JSON") + ": " + EmbeddedDocuments.describe(e));
    }
    if (tree != null && !tree.isObject()) {
      throw new InvalidField("data." + key, "expected a mapping but got " + Nodes.describe(tree));
    }
    return tree;
  }

  /** A boolean that Helm may have rendered as a string ({@code "true"}); other values: null. */
  private static Boolean flag(JsonNode parent, String field) {
    JsonNode n = Nodes.get(parent, field);
    if (n == null) {
      return null;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isValueNode()) {
      return switch (n.asText().trim().toLowerCase(Locale.ROOT)) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        default -> null;
      };
    }
    throw new InvalidField(field, "expected true or false but got " + Nodes.describe(n));
  }

  private static List<String> strings(JsonNode array, String field) {
    if (array == null || array.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String s = Nodes.scalarText(array.get(i), field + "[" + i + "]");
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }
}
