package io.meshwarden.reconciler.stream;

/** Names of the reconciler's state stores and processors (their changelogs follow from them). */
public final class StoreNames {

  /** Partition-local facts of the objects topic, keyed as the topic. */
  public static final String FACTS = "facts";

  /** The open set: every PENDING, OPEN and RESOLVED finding of the shard. */
  public static final String FINDINGS = "findings";

  /** The mesh topic as a global store. */
  public static final String MESH = "mesh";

  /** The digests topic as a global store: what the cluster rules read of each namespace. */
  public static final String DIGESTS = "digests";

  static final String OBJECTS_SOURCE = "objects-source";
  static final String MESH_SOURCE = "mesh-source";
  static final String SHARD = "shard";
  static final String MESH_UPDATER = "mesh-updater";
  static final String DIGESTS_SOURCE = "digests-source";
  static final String DIGEST_UPDATER = "digest-updater";
  static final String DIGEST_SINK = "digest-sink";
  static final String FINDINGS_SINK = "findings-sink";
  static final String REQUESTS_SINK = "remediation-requests-sink";
  static final String DEAD_LETTER_SINK = "dead-letter-sink";

  private StoreNames() {}
}
