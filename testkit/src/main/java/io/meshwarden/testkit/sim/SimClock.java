package io.meshwarden.testkit.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulator's time. Manual clocks move only when told ({@link #advance}), so kubelet delays,
 * rollout pacing and fault windows are deterministic in tests; a system clock follows real time
 * (the sandbox). It is a {@link Clock}, so code under test can read the same time.
 */
public final class SimClock extends Clock {

  private final boolean manual;
  private volatile Instant now;

  private SimClock(boolean manual, Instant start) {
    this.manual = manual;
    this.now = start;
  }

  /** A clock that stands still until advanced; starts at 2025-01-01T00:00:00Z. */
  public static SimClock manual() {
    return manual(Instant.parse("2025-01-01T00:00:00Z"));
  }

  /** A clock that stands still until advanced, starting at {@code start}. */
  public static SimClock manual(Instant start) {
    return new SimClock(true, start);
  }

  /** A clock that follows the system clock. */
  public static SimClock system() {
    return new SimClock(false, null);
  }

  public boolean isManual() {
    return manual;
  }

  /** Moves a manual clock forward; a system clock refuses. */
  public synchronized void advance(Duration by) {
    if (!manual) {
      throw new IllegalStateException("A system clock cannot be advanced");
    }
    if (by.isNegative()) {
      throw new IllegalArgumentException("Time does not go back: " + by);
    }
    now = now.plus(by);
  }

  @Override
  public Instant instant() {
    return manual ? now : Instant.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("The simulator's clock is always UTC");
  }
}
