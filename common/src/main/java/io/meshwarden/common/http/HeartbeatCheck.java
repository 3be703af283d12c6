package io.meshwarden.common.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Liveness of a loop: the loop calls {@link #beat()} on every turn (each consumer poll, each
 * informer resync), and the check fails once no beat has come for longer than the allowed silence,
 * so Kubernetes restarts a process whose loop hangs. Time comes from an injected {@link Clock}; the
 * first beat is counted at construction.
 */
public final class HeartbeatCheck implements HealthCheck {

  private final String name;
  private final Duration maxSilence;
  private final Clock clock;
  private volatile Instant lastBeat;

  /**
   * @param name the check's name
   * @param maxSilence longest allowed gap between beats
   * @param clock the time source
   */
  public HeartbeatCheck(String name, Duration maxSilence, Clock clock) {
    this.name = HealthCheck.checkName(name);
    this.maxSilence = Objects.requireNonNull(maxSilence, "maxSilence");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxSilence.isNegative() || maxSilence.isZero()) {
      throw new IllegalArgumentException("maxSilence must be positive");
    }
    this.lastBeat = clock.instant();
  }

  /** Records that the loop is alive. */
  public void beat() {
    lastBeat = clock.instant();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Result check() {
    Duration silence = Duration.between(lastBeat, clock.instant());
    if (silence.compareTo(maxSilence) > 0) {
      return Result.down("no heartbeat for " + silence + " (limit " + maxSilence + ")");
    }
    return Result.up();
  }
}
