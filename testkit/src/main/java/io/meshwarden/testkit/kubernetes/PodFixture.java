package io.meshwarden.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Pod}: {@code pod("web-1").inNamespace("shop").withLabel("app", "web")
 * .withContainer("app", "nginx:1.27")}. Without {@code withContainer} it has one nginx container.
 */
public final class PodFixture extends NamespacedFixture<Pod, PodFixture> {

  private final Containers containers = new Containers();
  private OwnerReference owner;

  PodFixture(String name) {
    super(name);
  }

  /** Adds a container, or replaces the one with the same name. */
  public PodFixture withContainer(String name, String image) {
    containers.add(name, image);
    return this;
  }

  /** Makes {@code owner} (a ReplicaSet, a Job, ...) the pod's controlling owner. */
  public PodFixture ownedBy(HasMetadata owner) {
    this.owner =
        new OwnerReferenceBuilder()
            .withApiVersion(owner.getApiVersion())
            .withKind(owner.getKind())
            .withName(owner.getMetadata().getName())
            .withUid(owner.getMetadata().getUid())
            .withController(true)
            .build();
    return this;
  }

  @Override
  public Pod build() {
    ObjectMeta metadata = metadata(namespace());
    if (owner != null) {
      metadata.setOwnerReferences(
          new ArrayList<>(List.of(new OwnerReferenceBuilder(owner).build())));
    }
    return new PodBuilder()
        .withMetadata(metadata)
        .withNewSpec()
        .withContainers(containers.build())
        .endSpec()
        .build();
  }
}
