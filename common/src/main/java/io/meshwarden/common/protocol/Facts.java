package io.meshwarden.common.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Small helpers the fact records share for normalising their components. */
final class Facts {

  private Facts() {}

  static FactKind requireKind(FactKind given, FactKind expected) {
    if (given == null) {
      return expected;
    }
    if (given != expected) {
      throw new IllegalArgumentException("kind " + given + " where " + expected + " was expected");
    }
    return given;
  }

  static String schema(String given) {
    return given == null ? Schemas.FACTS : given;
  }

  static <T> List<T> list(List<T> given) {
    return given == null ? List.of() : List.copyOf(given);
  }

  static <K, V> Map<K, V> map(Map<K, V> given) {
    return given == null ? Map.of() : Map.copyOf(given);
  }

  static FactMeta meta(FactMeta meta) {
    return Objects.requireNonNull(meta, "meta");
  }
}
