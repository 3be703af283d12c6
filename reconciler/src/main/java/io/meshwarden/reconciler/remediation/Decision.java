package io.meshwarden.reconciler.remediation;

import io.meshwarden.common.protocol.RemediationRecord.Outcome;

/** What the guards decided about one request at one moment. */
sealed interface Decision {

  /** Restart now. */
  record Act() implements Decision {}

  /** Not now, but keep the request: a concurrency limit or a wave is full. */
  record Defer(String why) implements Decision {}

  /** Done without acting: record {@code outcome} with {@code reason}. */
  record Finish(Outcome outcome, Reason reason, String message) implements Decision {}

  static Decision skip(Reason reason, String message) {
    return new Finish(Outcome.SKIPPED, reason, message);
  }

  static Decision halt(Reason reason, String message) {
    return new Finish(Outcome.HALTED, reason, message);
  }
}
