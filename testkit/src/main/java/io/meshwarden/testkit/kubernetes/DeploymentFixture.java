package io.meshwarden.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a {@link Deployment} with one replica whose pods carry {@code app=<name>} (also its
 * selector) and one nginx container unless told otherwise.
 */
public final class DeploymentFixture extends NamespacedFixture<Deployment, DeploymentFixture> {

  private final Containers containers = new Containers();
  private final Map<String, String> podLabels = new LinkedHashMap<>();
  private final Map<String, String> podAnnotations = new LinkedHashMap<>();
  private int replicas = 1;

  DeploymentFixture(String name) {
    super(name);
    podLabels.put("app", name);
  }

  public DeploymentFixture withReplicas(int replicas) {
    this.replicas = replicas;
    return this;
  }

  /** Adds a container to the pod template, or replaces the one with the same name. */
  public DeploymentFixture withContainer(String name, String image) {
    containers.add(name, image);
    return this;
  }

  /** A label on the pod template; labels here do not change the selector. */
  public DeploymentFixture withPodLabel(String key, String value) {
    podLabels.put(key, value);
    return this;
  }

  /** An annotation on the pod template, e.g. {@code sidecar.istio.io/inject}. */
  public DeploymentFixture withPodAnnotation(String key, String value) {
    podAnnotations.put(key, value);
    return this;
  }

  @Override
  public Deployment build() {
    return new DeploymentBuilder()
        .withMetadata(metadata(namespace()))
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(new LinkedHashMap<>(Map.of("app", name())))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(new LinkedHashMap<>(podLabels))
        .withAnnotations(podAnnotations.isEmpty() ? null : new LinkedHashMap<>(podAnnotations))
        .endMetadata()
        .withNewSpec()
        .withContainers(containers.build())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
