package io.meshwarden.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A fixture for a namespaced object; the namespace defaults to {@code default}. */
public abstract class NamespacedFixture<T extends HasMetadata, S extends NamespacedFixture<T, S>>
    extends ObjectFixture<T, S> {

  private String namespace = "default";

  NamespacedFixture(String name) {
    super(name);
  }

  /** Puts the object in {@code namespace}. */
  public S inNamespace(String namespace) {
    this.namespace = namespace;
    return self();
  }

  String namespace() {
    return namespace;
  }
}
