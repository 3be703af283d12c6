package io.meshwarden.watcher.publish;

import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.WireCodec;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 64-bit digest of an object's facts without their version fields: what the watcher remembers of
 * each published record, instead of the record itself (8 bytes per key, not kilobytes).
 */
final class FactHash {

  /** The hash of a record that could not be read: equal to no real facts, so it is overwritten. */
  static final long UNREADABLE = 0L;

  private FactHash() {}

  static long of(ObjectFacts facts) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(WireCodec.encode(facts.withoutVersion()));
      long h = ByteBuffer.wrap(digest).getLong();
      return h == UNREADABLE ? 1L : h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
