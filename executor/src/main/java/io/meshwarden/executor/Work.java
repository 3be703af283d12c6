package io.meshwarden.executor;

import io.meshwarden.common.protocol.RemediationRequest;
import java.time.Instant;

/** A request the executor holds: delivered, not yet finished. */
record Work(long offset, RemediationRequest request, Instant receivedAt) {

  String id() {
    return request.id();
  }
}
