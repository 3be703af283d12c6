package io.meshwarden.core.remediation;

import io.meshwarden.common.protocol.RemediationRecord.Outcome;

/** What the guards decided about one request at one moment. */
public sealed interface Decision {

  /** Restart now. */
  public record Act() implements Decision {}

  /** Not now, but keep the request: a concurrency limit or a wave is full. */
  public record Defer(String why) implements Decision {}

  /** Done without acting: record {@code outcome} with {@code reason}. */
  public record Finish(Outcome outcome, Reason reason, String message) implements Decision {}

  public static Decision skip(Reason reason, String message) {
    return new Finish(Outcome.SKIPPED, reason, message);
  }

  public static Decision halt(Reason reason, String message) {
    return new Finish(Outcome.HALTED, reason, message);
  }
}
