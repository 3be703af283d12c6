package io.meshwarden.analyze;

import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.core.rules.RuleResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link ManifestLoader} read.
 *
 * @param facts the projected facts, in file order
 * @param sources where each object was declared, by {@code Kind/namespace/name}
 * @param skipped how many objects were of kinds meshwarden does not read
 * @param malformed an MW0030 result for each object that could not be read, in file order
 */
record Manifests(
    List<ObjectFacts> facts, Map<String, Source> sources, int skipped, List<RuleResult> malformed) {

  /** The file that declares an object, and the line its declaration starts at (1-based). */
  record Source(Path file, int line) {}

  Manifests {
    facts = List.copyOf(facts);
    malformed = List.copyOf(malformed);
    sources = Map.copyOf(sources);
  }

  static String key(String kind, String namespace, String name) {
    return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
  }

  /** Where {@code ref} is declared, or null. */
  Source sourceOf(ObjectRef ref) {
    return sources.get(key(ref.kind(), ref.namespace(), ref.name()));
  }
}
