package io.meshwarden.common.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.ObjectRef;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns one Kubernetes or Istio object, as the JSON tree {@code kubectl get -o json} prints
 * (apiVersion, kind, metadata, spec, status), into its {@link ObjectFacts}. The offline {@code
 * analyze} command feeds it trees read by {@link KubernetesYaml}; the watcher feeds it informer
 * objects as plain Java values ({@link #projectMap}), which it reads without a JSON text round
 * trip. Neither fabric8 nor Kafka is involved.
 *
 * <p>It is total: a kind it does not read is {@link Projection.Skipped}, a malformed object is
 * {@link Projection.Invalid} with the offending field's path, and nothing throws. Every label is
 * kept, of every object and pod template, since a selector may name any key; annotations are
 * filtered by {@link MeshKeys}. Both are bounded by size: a value over {@value #MAX_VALUE_BYTES}
 * bytes, and an object's labels beyond {@value #MAX_LABEL_BYTES} bytes, are dropped and counted in
 * {@link Projection.Projected#droppedOversizeValues()}. Environment values, Secret data, commands,
 * volumes and managed fields are never read.
 *
 * <p>Where the API server defaults a field the rules read (a Service's type, a port's protocol, a
 * Deployment's replicas, a webhook's failure policy), a missing field gets the same default, so a
 * file and a live cluster project alike. Namespaced objects without a namespace (common in files)
 * get {@link #withDefaultNamespace the default namespace}, {@code default} unless set.
 *
 * <p>Instances are immutable and thread-safe as long as the {@linkplain #withInterner interner} is.
 */
public final class FactProjector {

  /** The largest label or annotation value kept, in UTF-8 bytes (64 KiB). */
  public static final int MAX_VALUE_BYTES = 64 * 1024;

  /**
   * The most label bytes (keys and values, UTF-8) kept of one object or pod template (64 KiB).
   * Kubernetes caps a label at 317 bytes of key and 63 of value but not their number; this keeps a
   * flood of labels from pushing a fact past Kafka's 1 MiB record limit.
   */
  public static final int MAX_LABEL_BYTES = 64 * 1024;

  private final ProjectionSettings settings;

  /**
   * A projector for {@code cluster} that keeps every label, the annotation keys {@code keys}
   * allows, and stamps facts with {@code clock}'s time as {@code observedAt}.
   */
  public FactProjector(String cluster, MeshKeys keys, Clock clock) {
    this(new ProjectionSettings(cluster, keys, clock, Function.identity(), "default"));
  }

  private FactProjector(ProjectionSettings settings) {
    this.settings = settings;
  }

  /**
   * A copy that passes repeated strings (images, container names, label keys and values, annotation
   * keys and values, namespaces, selector terms) through {@code interner}, so a long-lived cache of
   * facts holds one copy of each. The default is the identity; names, uids and resource versions
   * are never offered.
   */
  public FactProjector withInterner(Function<String, String> interner) {
    return new FactProjector(
        new ProjectionSettings(
            settings.cluster(),
            settings.keys(),
            settings.clock(),
            interner,
            settings.defaultNamespace()));
  }

  /** A copy that puts namespaced objects without {@code metadata.namespace} in {@code ns}. */
  public FactProjector withDefaultNamespace(String ns) {
    return new FactProjector(
        new ProjectionSettings(
            settings.cluster(), settings.keys(), settings.clock(), settings.interner(), ns));
  }

  /** Projects {@code object}: its facts, or why there are none. Never throws. */
  public Projection project(JsonNode object) {
    if (object == null || !object.isObject()) {
      return new Projection.Invalid(
          "object",
          "",
          "expected a Kubernetes object but got "
              + (object == null ? "nothing" : Nodes.describe(object)));
    }
    try {
      String kind = Nodes.requiredText(object, "kind");
      String apiVersion = Nodes.requiredText(object, "apiVersion");
      return route(new Source(settings, object, apiVersion, kind));
    } catch (InvalidField e) {
      return new Projection.Invalid(describe(object), e.field(), e.reason(), subject(object));
    } catch (RuntimeException e) {
      // A bug, not bad input; still never take the caller down. The message is left out: it
      // could quote a value of the object.
      return new Projection.Invalid(
          describe(object),
          "",
          "could not be projected: " + e.getClass().getName(),
          subject(object));
    }
  }

  /**
   * Projects {@code object} held as plain Java values (maps, lists, strings, numbers, booleans), as
   * fabric8 gives them for any of its objects with {@code
   * client.getKubernetesSerialization().convertValue(obj, Map.class)}: the same facts as {@link
   * #project(JsonNode)} of the object's JSON, without writing or parsing JSON text. Never throws.
   */
  public Projection projectMap(Map<String, ?> object) {
    JsonNode tree;
    try {
      tree = JavaTrees.toTree(object);
    } catch (RuntimeException e) {
      return new Projection.Invalid("object", "", "could not be read: " + e.getClass().getName());
    }
    return project(tree);
  }

  /** The facts of {@code object}: none when skipped or invalid, two for a revision-tag webhook. */
  public List<ObjectFacts> projectAll(JsonNode object) {
    return project(object).facts();
  }

  private static Projection route(Source s) {
    WatchedKind kind = WatchedKind.of(s.kind());
    if (kind == null) {
      return s.skipped("kind not projected");
    }
    if (!kind.reads(s.apiVersion())) {
      return s.skipped("apiVersion " + s.apiVersion() + " not projected for this kind");
    }
    return kind.project(s);
  }

  /**
   * The subject a finding about a malformed {@code object} names: its kind, its namespace (the
   * default one when a namespaced kind has none, none for a cluster-scoped kind) and its name, or
   * {@code <unnamed>}; null when the kind is not readable.
   */
  private ObjectRef subject(JsonNode object) {
    String kind = part(object.path("kind"));
    if (kind.isEmpty()) {
      return null;
    }
    JsonNode meta = object.path("metadata");
    String name = part(meta.path("name"));
    WatchedKind row = WatchedKind.of(kind);
    String ns = "";
    if (row == null || row.namespaced()) {
      ns = part(meta.path("namespace"));
      ns = ns.isEmpty() ? settings.defaultNamespace() : ns;
    }
    return new ObjectRef(kind, ns, name.isEmpty() ? "<unnamed>" : name, null);
  }

  /** {@code Kind namespace/name} as far as readable, for messages; each part capped. */
  static String describe(JsonNode object) {
    String kind = part(object.path("kind"));
    JsonNode meta = object.path("metadata");
    String ns = part(meta.path("namespace"));
    String name = part(meta.path("name"));
    return (kind.isEmpty() ? "object" : kind)
        + " "
        + (ns.isEmpty() ? "" : ns + "/")
        + (name.isEmpty() ? "<unnamed>" : name);
  }

  /** A string node's text up to 253 characters (the longest valid Kubernetes name). */
  private static String part(JsonNode n) {
    if (!n.isTextual()) {
      return "";
    }
    String s = n.textValue();
    return s.length() <= 253 ? s : s.substring(0, 253) + "...";
  }
}
