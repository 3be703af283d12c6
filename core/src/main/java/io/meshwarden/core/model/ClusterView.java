package io.meshwarden.core.model;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.ObjectFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One cluster's facts split into the mesh view and one view per namespace, as the reconciler's
 * shards see them; the offline {@code analyze} command builds one from YAML files.
 *
 * @param namespaces namespace views by name
 */
public record ClusterView(String cluster, MeshView mesh, Map<String, NamespaceView> namespaces) {

  public ClusterView {
    namespaces = Map.copyOf(namespaces);
  }

  /** Splits {@code facts} into views. */
  public static ClusterView of(
      String cluster, Instant asOf, Collection<? extends ObjectFacts> facts) {
    return of(cluster, new MeshViewBuilder(asOf).addAll(facts).build(), facts);
  }

  /** Splits the namespaced facts of {@code facts} into namespace views beside a mesh view. */
  public static ClusterView of(
      String cluster, MeshView mesh, Collection<? extends ObjectFacts> facts) {
    Map<String, List<ObjectFacts>> byNamespace = new TreeMap<>();
    for (ObjectFacts f : facts) {
      if (f.kind().namespaced() && f.kind().topic() == FactKind.Topic.OBJECTS) {
        byNamespace.computeIfAbsent(f.meta().namespace(), k -> new ArrayList<>()).add(f);
      }
    }
    Map<String, NamespaceView> views = new TreeMap<>();
    byNamespace.forEach((ns, list) -> views.put(ns, NamespaceView.of(ns, list)));
    return new ClusterView(cluster, mesh, views);
  }
}
