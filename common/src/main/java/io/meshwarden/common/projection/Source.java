package io.meshwarden.common.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.OwnerRef;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One object being projected: its identity, the projector's settings and the per-call count of
 * values dropped for size. Created once per {@link FactProjector#project} call and never shared.
 */
final class Source {

  private final ProjectionSettings settings;
  private final JsonNode object;
  private final String apiVersion;
  private final String kind;
  private final JsonNode metadata;
  private int droppedOversizeValues;

  Source(ProjectionSettings settings, JsonNode object, String apiVersion, String kind) {
    this.settings = settings;
    this.object = object;
    this.apiVersion = apiVersion;
    this.kind = kind;
    JsonNode m = Nodes.object(object, "metadata");
    if (m == null) {
      throw new InvalidField("metadata", "missing");
    }
    this.metadata = m;
  }

  JsonNode object() {
    return object;
  }

  String apiVersion() {
    return apiVersion;
  }

  String kind() {
    return kind;
  }

  JsonNode metadata() {
    return metadata;
  }

  String intern(String s) {
    return settings.intern(s);
  }

  /** The object's {@code metadata.name}; invalid when missing. */
  String name() {
    try {
      return Nodes.requiredText(metadata, "name");
    } catch (InvalidField e) {
      throw e.under("metadata");
    }
  }

  /** Raw (unfiltered) label value, for the checks that decide whether an object is Istio's. */
  String rawLabel(String key) {
    try {
      return Nodes.text(Nodes.object(metadata, "labels"), key);
    } catch (InvalidField e) {
      throw e.under("metadata.labels");
    }
  }

  /** Identity, provenance, every label and the filtered annotations of the object. */
  FactMeta meta(boolean namespaced) {
    String name = name();
    String namespace = namespaced ? namespace() : "";
    Map<String, String> labels = labels(metadata, "metadata");
    Map<String, String> annotations = annotations(metadata, "metadata");
    try {
      return new FactMeta(
          settings.cluster(),
          namespace,
          name,
          Nodes.text(metadata, "uid"),
          Nodes.text(metadata, "resourceVersion"),
          settings.clock().instant(),
          timestamp(Nodes.text(metadata, "creationTimestamp"), "creationTimestamp"),
          labels,
          annotations);
    } catch (InvalidField e) {
      throw e.under("metadata");
    }
  }

  private String namespace() {
    try {
      String ns = Nodes.text(metadata, "namespace");
      return ns == null || ns.isEmpty() ? settings.defaultNamespace() : intern(ns);
    } catch (InvalidField e) {
      throw e.under("metadata");
    }
  }

  /** The owner reference with {@code controller: true}, or null. */
  OwnerRef controller() {
    JsonNode refs;
    try {
      refs = Nodes.array(metadata, "ownerReferences");
    } catch (InvalidField e) {
      throw e.under("metadata");
    }
    if (refs == null) {
      return null;
    }
    for (int i = 0; i < refs.size(); i++) {
      JsonNode ref = refs.get(i);
      try {
        if (!ref.isObject()) {
          throw new InvalidField("", "expected an object but got " + Nodes.describe(ref));
        }
        if (Boolean.TRUE.equals(Nodes.bool(ref, "controller"))) {
          return new OwnerRef(
              intern(Nodes.requiredText(ref, "kind")),
              Nodes.requiredText(ref, "name"),
              Nodes.text(ref, "uid"));
        }
      } catch (InvalidField e) {
        throw e.under("metadata.ownerReferences[" + i + "]");
      }
    }
    return null;
  }

  /**
   * Every label of {@code parent} (a {@code metadata} object), keys and values interned: a selector
   * may name any key, so none is left out for its name. Only size bounds them: a value over {@value
   * FactProjector#MAX_VALUE_BYTES} bytes, and the labels after the first {@value
   * FactProjector#MAX_LABEL_BYTES} bytes of keys and values, are dropped and counted.
   */
  Map<String, String> labels(JsonNode parent, String parentPath) {
    return entries(parent, "labels", parentPath, key -> true, FactProjector.MAX_LABEL_BYTES);
  }

  /**
   * The annotations of {@code parent} whose keys {@link io.meshwarden.common.protocol.MeshKeys}
   * keeps (the same keys {@code MeshKeys.filter} keeps, without building the unfiltered map first),
   * minus values over the size cap, which are counted. Rejected keys are not counted: they are
   * never kept anyway.
   */
  Map<String, String> annotations(JsonNode parent, String parentPath) {
    return entries(parent, "annotations", parentPath, settings.keys(), Integer.MAX_VALUE);
  }

  private Map<String, String> entries(
      JsonNode parent, String field, String parentPath, Predicate<String> keep, int budget) {
    JsonNode map;
    try {
      map = Nodes.object(parent, field);
    } catch (InvalidField e) {
      throw e.under(parentPath);
    }
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = null;
    long left = budget;
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      String key = e.getKey();
      if (!keep.test(key)) {
        continue;
      }
      String value;
      try {
        value = Nodes.scalarText(e.getValue(), key);
      } catch (InvalidField bad) {
        throw bad.under(parentPath + "." + field);
      }
      if (value == null) {
        value = "";
      } else if (Sizes.exceedsUtf8Bytes(value, FactProjector.MAX_VALUE_BYTES)) {
        droppedOversizeValues++;
        continue;
      }
      if (budget != Integer.MAX_VALUE) {
        left -= Sizes.utf8Bytes(key) + Sizes.utf8Bytes(value);
        if (left < 0) {
          droppedOversizeValues++;
          continue;
        }
      }
      if (out == null) {
        out = new HashMap<>();
      }
      out.put(intern(key), intern(value));
    }
    return out == null ? Map.of() : out;
  }

  /** A string map taken whole (selectors), its keys and values interned. */
  Map<String, String> stringMap(JsonNode parent, String field) {
    JsonNode map = Nodes.object(parent, field);
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      String value;
      try {
        value = Nodes.scalarText(e.getValue(), e.getKey());
      } catch (InvalidField bad) {
        throw bad.under(field);
      }
      out.put(intern(e.getKey()), value == null ? "" : intern(value));
    }
    return out;
  }

  /** The result with whatever was dropped on the way. */
  Projection projected(List<ObjectFacts> facts) {
    return new Projection.Projected(facts, droppedOversizeValues);
  }

  Projection projected(ObjectFacts fact) {
    return projected(List.of(fact));
  }

  Projection skipped(String reason) {
    return new Projection.Skipped(kind, reason);
  }

  static Instant timestamp(String text, String field) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidField(field, "not an RFC 3339 timestamp");
    }
  }
}
