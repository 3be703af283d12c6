package io.meshwarden.reconciler.remediation;

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
   */
  record Delivery(long offset, RemediationRequest request, String error) {}

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
