package io.meshwarden.reconciler.stream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Readiness markers on the digests topic: a shard writes {@code #synced/<partition>} once it has
 * evaluated (and so published the digest of) every namespace it holds after it started. No
 * namespace can take such a key: namespace names are DNS labels, without {@code #} or {@code /}.
 * The cluster task evaluates cluster rules only once every partition of the objects topic has a
 * marker, so it never judges the cluster over the digests of some shards only.
 */
final class SyncMarkers {

  static final String PREFIX = "#synced/";

  private SyncMarkers() {}

  static String key(int partition) {
    return PREFIX + partition;
  }

  static boolean isMarker(String key) {
    return key != null && key.startsWith(PREFIX);
  }

  /** The partition a marker key names, or -1 when it names none. */
  static int partitionOf(String key) {
    if (!isMarker(key)) {
      return -1;
    }
    try {
      int p = Integer.parseInt(key.substring(PREFIX.length()));
      return p < 0 ? -1 : p;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The marker's value: when the shard finished its first evaluation (for people reading it). */
  static byte[] value(Instant syncedAt) {
    return syncedAt.toString().getBytes(StandardCharsets.UTF_8);
  }
}
