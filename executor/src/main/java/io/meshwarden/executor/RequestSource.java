package io.meshwarden.executor;

import io.meshwarden.common.protocol.RemediationRequest;
import java.time.Duration;
import java.util.List;

/** Where remediation requests come from: the request topic, or a fake in unit tests. */
interface RequestSource extends AutoCloseable {

  /**
   * One delivered request.
   *
   * @param offset its position; offsets increase
   * @param request the request, or null when the record could not be read
   * @param error why it could not be read, or null
   * @param unreadable the record as read when it could not be decoded (for the dead-letter topic),
   *     else null
   */
  record Delivery(long offset, RemediationRequest request, String error, Unreadable unreadable) {

    /** A delivery that is not a poison record. */
    Delivery(long offset, RemediationRequest request, String error) {
      this(offset, request, error, null);
    }
  }

  /**
   * A record that could not be decoded, kept as it was.
   *
   * @param topic where it was read
   * @param partition its partition
   * @param key its key, as read
   * @param value its bytes, as read
   * @param reason {@code MALFORMED} or {@code UNSUPPORTED_SCHEMA}
   */
  record Unreadable(String topic, int partition, String key, byte[] value, String reason) {}

  /** Requests delivered since the last poll; waits at most {@code timeout}. */
  List<Delivery> poll(Duration timeout);

  /** Everything before {@code nextOffset} is done; redeliver from there after a failover. */
  void commit(long nextOffset);

  /** Whether this instance still owns the requests (is the active executor). */
  boolean active();

  /** Takes and clears the "ownership was lost since the last call" flag. */
  boolean takeRevoked();

  @Override
  void close();
}
