package io.meshwarden.watcher.verify;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.meshwarden.common.projection.Projection;
import io.meshwarden.common.projection.WatchedKind;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.watcher.informers.ObjectProjector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Lists every watched object straight from the API server (no informer) and projects it: the truth
 * a {@link StateComparison} checks the topics against.
 */
public final class ClusterSnapshot {

  private ClusterSnapshot() {}

  /**
   * @param controlPlaneNamespaces where ConfigMaps are read
   * @param namespaceAllowed which namespaces' objects count
   */
  public static Map<String, ObjectFacts> take(
      KubernetesClient client,
      ObjectProjector projector,
      Set<String> controlPlaneNamespaces,
      Predicate<String> namespaceAllowed) {
    Map<String, ObjectFacts> facts = new HashMap<>();
    for (WatchedKind kind : WatchedKind.all()) {
      String version = kind.versions().get(0);
      if (kind.istio()) {
        if (client.apiextensions().v1().customResourceDefinitions().withName(kind.crdName()).get()
            == null) {
          continue;
        }
      }
      ResourceDefinitionContext context =
          new ResourceDefinitionContext.Builder()
              .withGroup(kind.group())
              .withVersion(version)
              .withKind(kind.kind())
              .withPlural(kind.resource())
              .withNamespaced(kind.namespaced())
              .build();
      String apiVersion = kind.apiVersion(version);
      List<GenericKubernetesResource> items =
          kind.scope() == WatchedKind.Scope.CONTROL_PLANE
              ? controlPlaneNamespaces.stream()
                  .flatMap(
                      ns ->
                          client
                              .genericKubernetesResources(context)
                              .inNamespace(ns)
                              .list()
                              .getItems()
                              .stream())
                  .toList()
              : kind.namespaced()
                  ? client.genericKubernetesResources(context).inAnyNamespace().list().getItems()
                  : client.genericKubernetesResources(context).list().getItems();
      for (GenericKubernetesResource item : items) {
        String ns = item.getMetadata().getNamespace();
        if (ns != null && !namespaceAllowed.test(ns)) {
          continue;
        }
        Projection p = projector.project(item, kind.kind(), apiVersion);
        p.facts().forEach(f -> facts.put(f.key(), f));
      }
    }
    return facts;
  }
}
