package io.meshwarden.common.projection;

import io.meshwarden.common.protocol.MeshKeys;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/** The immutable configuration of one {@link FactProjector}. */
record ProjectionSettings(
    String cluster,
    MeshKeys keys,
    Clock clock,
    Function<String, String> interner,
    String defaultNamespace) {

  ProjectionSettings {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(interner, "interner");
    Objects.requireNonNull(defaultNamespace, "defaultNamespace");
    if (cluster.isEmpty()) {
      throw new IllegalArgumentException("cluster name is empty");
    }
    if (defaultNamespace.isEmpty()) {
      throw new IllegalArgumentException("default namespace is empty");
    }
  }

  /** The interner's canonical copy of {@code s}; {@code s} itself if the interner gives null. */
  String intern(String s) {
    if (s == null) {
      return null;
    }
    String canonical = interner.apply(s);
    return canonical == null ? s : canonical;
  }
}
