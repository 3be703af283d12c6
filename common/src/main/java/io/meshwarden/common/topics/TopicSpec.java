package io.meshwarden.common.topics;

import java.util.Map;
import java.util.Objects;

/** A topic as meshwarden wants it: partitions, replication and the configs that matter. */
public record TopicSpec(
    String name, int partitions, short replicationFactor, Map<String, String> configs) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (partitions < 1) {
      throw new IllegalArgumentException(name + ": partitions must be at least 1");
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(name + ": replication factor must be at least 1");
    }
    configs = Map.copyOf(configs);
  }
}
