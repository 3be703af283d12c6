package io.meshwarden.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

/**
 * Builds a {@link Namespace}, e.g. {@code namespace("shop").withLabel("istio-injection",
 * "enabled")}.
 */
public final class NamespaceFixture extends ObjectFixture<Namespace, NamespaceFixture> {

  NamespaceFixture(String name) {
    super(name);
  }

  @Override
  public Namespace build() {
    return new NamespaceBuilder().withMetadata(metadata(null)).build();
  }
}
