package io.meshwarden.alerting.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A circuit breaker per receiver target: after {@code threshold} consecutive failures it opens and
 * refuses calls for {@code openFor}; then one probe passes (half-open); its success closes the
 * breaker, its failure opens it again. Thread-safe.
 */
public final class CircuitBreaker {

  /** The breaker's state. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int threshold;
  private final Duration openFor;
  private final Clock clock;
  private int failures;
  private Instant openUntil;
  private boolean probing;

  public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
    this.threshold = threshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /** Whether a call may go out now; a half-open breaker lets one probe through. */
  public synchronized boolean tryAcquire() {
    if (openUntil == null) {
      return true;
    }
    if (clock.instant().isBefore(openUntil) || probing) {
      return false;
    }
    probing = true;
    return true;
  }

  /** How long until a call may be tried again (zero when closed). */
  public synchronized Duration retryIn() {
    if (openUntil == null) {
      return Duration.ZERO;
    }
    Duration d = Duration.between(clock.instant(), openUntil);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** A call succeeded. */
  public synchronized void success() {
    failures = 0;
    openUntil = null;
    probing = false;
  }

  /** A call failed. */
  public synchronized void failure() {
    failures++;
    if (probing || failures >= threshold) {
      openUntil = clock.instant().plus(openFor);
      probing = false;
    }
  }

  /** The current state. */
  public synchronized State state() {
    if (openUntil == null) {
      return State.CLOSED;
    }
    return clock.instant().isBefore(openUntil) ? State.OPEN : State.HALF_OPEN;
  }
}
