package io.meshwarden.common.protocol;

/**
 * Builds and parses fact keys. Keys are partitioned by their namespace so everything about one
 * namespace lands in one partition; see {@code NamespacePartitioner}.
 */
public final class FactKeys {

  private FactKeys() {}

  /** A parsed key. */
  public record Key(FactKind kind, String namespace, String name) {}

  /** The key of an object of {@code kind} on the topic that kind goes to. */
  public static String keyOf(FactKind kind, String namespace, String name) {
    String ns = namespace == null ? "" : namespace;
    return kind.topic() == FactKind.Topic.OBJECTS
        ? ns + "/" + kind.name() + "/" + name
        : kind.name() + "/" + ns + "/" + name;
  }

  /**
   * The namespace part of a key of either topic, used for partitioning.
   *
   * @throws IllegalArgumentException when the key has not three parts
   */
  public static Key parse(String key) {
    String[] parts = key.split("/", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a fact key: " + Schemas.shorten(key));
    }
    FactKind first = kindOrNull(parts[0]);
    if (first != null && first.topic() == FactKind.Topic.MESH) {
      return new Key(first, parts[1], parts[2]);
    }
    FactKind second = kindOrNull(parts[1]);
    if (second == null) {
      throw new IllegalArgumentException("unknown kind in key: " + Schemas.shorten(key));
    }
    return new Key(second, parts[0], parts[2]);
  }

  private static FactKind kindOrNull(String s) {
    try {
      return FactKind.valueOf(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
