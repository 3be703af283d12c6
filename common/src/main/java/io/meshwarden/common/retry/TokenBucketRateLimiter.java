package io.meshwarden.common.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One token bucket shared by every key (client-go's {@code BucketRateLimiter}): {@code qps} tokens
 * a second, at most {@code burst} saved up. Each {@link #when} takes a token, borrowing ahead when
 * none is left, and answers how long until that token exists; so callers that go after the wait
 * they are told never exceed the rate. Keys are not tracked, so {@link #forget} does nothing.
 *
 * @param <K> the key (ignored)
 */
public final class TokenBucketRateLimiter<K> implements RateLimiter<K> {

  private static final double NANOS_PER_SECOND = 1e9;

  private final double qps;
  private final int burst;
  private final Clock clock;
  private double tokens;
  private long last;

  public TokenBucketRateLimiter(double qps, int burst, Clock clock) {
    if (!(qps > 0) || Double.isInfinite(qps)) {
      throw new IllegalArgumentException("qps must be positive, got " + qps);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, got " + burst);
    }
    this.qps = qps;
    this.burst = burst;
    this.clock = clock;
    this.tokens = burst;
    this.last = nanos(clock.instant());
  }

  /** At most one use per {@code interval}, no bursts. */
  public static <K> TokenBucketRateLimiter<K> oneEvery(Duration interval, Clock clock) {
    return new TokenBucketRateLimiter<>(NANOS_PER_SECOND / interval.toNanos(), 1, clock);
  }

  @Override
  public synchronized Duration when(K key) {
    refill();
    tokens -= 1;
    return tokens >= 0 ? Duration.ZERO : untilTokens(0);
  }

  /**
   * Takes a token if one is there now and answers zero; otherwise takes nothing and answers how
   * long until one will be. Unlike {@link #when} it never borrows ahead, so a caller that asks
   * again after the wait, just before it acts, keeps the rate even when it was held up meanwhile.
   */
  public synchronized Duration tryTake() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return Duration.ZERO;
    }
    return untilTokens(1);
  }

  private void refill() {
    long now = nanos(clock.instant());
    if (now > last) { // a clock that steps back refills nothing
      tokens = Math.min(burst, tokens + (now - last) * qps / NANOS_PER_SECOND);
      last = now;
    }
  }

  private Duration untilTokens(double wanted) {
    return Duration.ofNanos(
        Math.max(1, (long) Math.ceil((wanted - tokens) / qps * NANOS_PER_SECOND)));
  }

  @Override
  public void forget(K key) {}

  @Override
  public int retries(K key) {
    return 0;
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
