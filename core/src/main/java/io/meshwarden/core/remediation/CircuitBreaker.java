package io.meshwarden.core.remediation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Pauses remediation for the whole cluster when {@code threshold} remediations inside {@code
 * window} failed: the restart patch was refused, the rollout failed, or the drift remained. It
 * closes again only when told — a policy's {@code meshwarden.io/resume-remediation} annotation
 * holds a time after it opened — or, when {@code resumeAfter} is set, once that long has passed.
 * Held in memory and written to every InjectionPolicy's status; an executor that takes over the
 * cluster {@link #restoreOpen restores} an open breaker from there, but counts failures of a closed
 * one anew.
 */
public final class CircuitBreaker {

  private final int threshold;
  private final Duration window;
  private final Duration resumeAfter;
  private final Deque<Instant> failures = new ArrayDeque<>();
  private Instant openedAt;

  public CircuitBreaker(int threshold, Duration window, Duration resumeAfter) {
    this.threshold = threshold;
    this.window = window;
    this.resumeAfter = resumeAfter;
  }

  /** Counts a failure; returns true when this one opened the breaker. */
  public boolean recordFailure(Instant at) {
    failures.addLast(at);
    while (!failures.isEmpty() && failures.peekFirst().isBefore(at.minus(window))) {
      failures.removeFirst();
    }
    if (openedAt == null && failures.size() >= threshold) {
      openedAt = at;
      return true;
    }
    return false;
  }

  /**
   * Whether remediation is paused now. Closes (and returns false) when resumed by annotation at
   * {@code resumeRequestedAt} or by time.
   */
  public boolean isOpen(Instant now, Instant resumeRequestedAt) {
    if (openedAt == null) {
      return false;
    }
    boolean resumed = resumeRequestedAt != null && resumeRequestedAt.isAfter(openedAt);
    boolean expired = resumeAfter != null && !now.isBefore(openedAt.plus(resumeAfter));
    if (resumed || expired) {
      openedAt = null;
      failures.clear();
      return false;
    }
    return true;
  }

  /** Marks the breaker open since {@code since}, as a previous executor left it. */
  public void restoreOpen(Instant since) {
    openedAt = since;
  }

  /** Closed, with no failures counted. */
  public void reset() {
    openedAt = null;
    failures.clear();
  }

  /** When it opened, or null while closed. */
  public Instant openedAt() {
    return openedAt;
  }

  /** Failures counted in the current window. */
  public int failures() {
    return failures.size();
  }
}
