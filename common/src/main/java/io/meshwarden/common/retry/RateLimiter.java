package io.meshwarden.common.retry;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Decides how long work on a key waits before it is tried (again), in the shape of client-go's
 * {@code workqueue.RateLimiter}: {@link #when} both answers and counts, {@link #forget} ends the
 * key's history. Every implementation is thread-safe.
 *
 * <p>The implementations are written here rather than taken from resilience4j (which the project
 * does not use): they are a few dozen lines each, they need per-key state that drops forgotten keys
 * (resilience4j's {@code Retry} counts per call, not per key), and they are driven by an injected
 * {@link Clock} so that tests move time by hand instead of sleeping.
 *
 * @param <K> the key: an object, a notification, or one constant for a single loop
 */
public interface RateLimiter<K> {

  /** The wait before {@code key} is tried again; counts one failure (or one use) of the key. */
  Duration when(K key);

  /** Forgets {@code key}: its next {@link #when} starts from the shortest wait again. */
  void forget(K key);

  /** How many times {@link #when} was asked about {@code key} since it was last forgotten. */
  int retries(K key);

  /** The longest wait any of {@code limiters} asks for (client-go's {@code MaxOfRateLimiter}). */
  @SafeVarargs
  static <K> RateLimiter<K> maxOf(RateLimiter<K>... limiters) {
    return new MaxOfRateLimiter<>(List.of(limiters));
  }

  /**
   * client-go's default controller limiter: per key 5 ms doubling to 1000 s, and overall 10 per
   * second with bursts of 100.
   */
  static <K> RateLimiter<K> controllerDefault(Clock clock) {
    return maxOf(
        new ItemExponentialRateLimiter<>(ExponentialBackoff.CONTROLLER),
        new TokenBucketRateLimiter<>(10, 100, clock));
  }
}
