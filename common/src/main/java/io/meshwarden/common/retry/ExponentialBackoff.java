package io.meshwarden.common.retry;

import java.time.Duration;

/**
 * Capped exponential backoff with optional jitter: after {@code n} earlier failures the wait is
 * {@code base * multiplier^n}, at most {@code max}, of which the fraction {@code jitter} is random
 * (so it lies between {@code (1 - jitter) * d} and {@code d}: jitter only ever shortens a wait, and
 * the cap stays a cap).
 *
 * @param base the first wait
 * @param max the longest wait
 * @param multiplier growth per failure, at least 1
 * @param jitter fraction of the wait that is random, in [0, 1]
 */
public record ExponentialBackoff(Duration base, Duration max, double multiplier, double jitter) {

  /** client-go's per-item default: 5 ms doubling to 1000 s, no jitter. */
  public static final ExponentialBackoff CONTROLLER =
      new ExponentialBackoff(Duration.ofMillis(5), Duration.ofSeconds(1000));

  public ExponentialBackoff {
    if (base.isNegative() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 <= base <= max, got " + base + " and " + max);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be in [0, 1], got " + jitter);
    }
  }

  /** Doubling from {@code base} to {@code max}, no jitter. */
  public ExponentialBackoff(Duration base, Duration max) {
    this(base, max, 2.0, 0.0);
  }

  /**
   * The wait after {@code failures} earlier failures.
   *
   * @param random uniform in [0, 1); only used when {@code jitter > 0}
   */
  public Duration delay(int failures, double random) {
    double grown = base.toNanos() * Math.pow(multiplier, Math.max(0, failures));
    double capped = Math.min(grown, max.toNanos()); // pow's overflow to infinity ends here too
    double jittered = capped * (1 - jitter) + capped * jitter * random;
    return Duration.ofNanos(Math.round(jittered));
  }
}
