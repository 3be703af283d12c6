package io.meshwarden.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of the fixture builders: a name, labels and annotations with defaults, overridable one at a
 * time. {@link #build()} gives a fresh object each call; {@link #create} also stores it.
 *
 * @param <T> the object built
 * @param <S> the concrete fixture, so the {@code with*} methods chain
 */
public abstract class ObjectFixture<T extends HasMetadata, S extends ObjectFixture<T, S>> {

  private final String name;
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final Map<String, String> annotations = new LinkedHashMap<>();

  ObjectFixture(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A fixture needs a name");
    }
    this.name = name;
  }

  /** Adds or replaces a label on the object's metadata. */
  public S withLabel(String key, String value) {
    labels.put(key, value);
    return self();
  }

  /** Adds or replaces an annotation on the object's metadata. */
  public S withAnnotation(String key, String value) {
    annotations.put(key, value);
    return self();
  }

  /** A new object with the values set so far. */
  public abstract T build();

  /** Builds the object and creates it through {@code client}; returns what the server stored. */
  public T create(KubernetesClient client) {
    return client.resource(build()).create();
  }

  String name() {
    return name;
  }

  /** Metadata with the name, labels and annotations; {@code namespace} may be null. */
  ObjectMeta metadata(String namespace) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels.isEmpty() ? null : new LinkedHashMap<>(labels))
        .withAnnotations(annotations.isEmpty() ? null : new LinkedHashMap<>(annotations))
        .build();
  }

  @SuppressWarnings("unchecked")
  final S self() {
    return (S) this;
  }
}
