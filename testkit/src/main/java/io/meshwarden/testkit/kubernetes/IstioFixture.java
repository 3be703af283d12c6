package io.meshwarden.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds an Istio resource of any {@link IstioKind} at {@code v1} as a generic resource, e.g.
 * {@code istio(VIRTUAL_SERVICE, "reviews").inNamespace("shop").withSpec("hosts",
 * List.of("reviews"))}.
 */
public final class IstioFixture extends NamespacedFixture<GenericKubernetesResource, IstioFixture> {

  private final IstioKind kind;
  private final Map<String, Object> spec = new LinkedHashMap<>();

  IstioFixture(IstioKind kind, String name) {
    super(name);
    this.kind = kind;
  }

  /** Sets one top-level field of {@code spec}; values are plain maps, lists and scalars. */
  public IstioFixture withSpec(String field, Object value) {
    spec.put(field, value);
    return this;
  }

  @Override
  public GenericKubernetesResource build() {
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion(kind.apiVersion());
    resource.setKind(kind.kind());
    resource.setMetadata(metadata(namespace()));
    resource.setAdditionalProperty("spec", new LinkedHashMap<>(spec));
    return resource;
  }

  @Override
  public GenericKubernetesResource create(KubernetesClient client) {
    return client
        .genericKubernetesResources(kind.context())
        .inNamespace(namespace())
        .resource(build())
        .create();
  }
}
