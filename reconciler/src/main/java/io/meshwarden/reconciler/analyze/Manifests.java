package io.meshwarden.reconciler.analyze;

import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.ObjectRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link ManifestLoader} read.
 *
 * @param facts the projected facts, in file order
 * @param sources the file that declared each object, by {@code Kind/namespace/name}
 * @param skipped how many objects were of kinds meshwarden does not read
 */
record Manifests(List<ObjectFacts> facts, Map<String, Path> sources, int skipped) {

  Manifests {
    facts = List.copyOf(facts);
    sources = Map.copyOf(sources);
  }

  static String key(String kind, String namespace, String name) {
    return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
  }

  /** The file that declares {@code ref}, or null. */
  Path sourceOf(ObjectRef ref) {
    return sources.get(key(ref.kind(), ref.namespace(), ref.name()));
  }
}
