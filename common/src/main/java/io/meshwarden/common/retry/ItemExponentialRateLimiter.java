package io.meshwarden.common.retry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Per-key capped exponential backoff (client-go's {@code ItemExponentialFailureRateLimiter}): each
 * {@link #when} of a key counts a failure and waits longer than the one before, up to the cap.
 * Memory is bounded by the keys in trouble: {@link #forget} drops a key's entry.
 *
 * @param <K> the key
 */
public final class ItemExponentialRateLimiter<K> implements RateLimiter<K> {

  private final ExponentialBackoff backoff;
  private final DoubleSupplier random;
  private final Map<K, Integer> failures = new ConcurrentHashMap<>();

  /**
   * @param random uniform in [0, 1), for the jitter: injectable so tests are deterministic
   */
  public ItemExponentialRateLimiter(ExponentialBackoff backoff, DoubleSupplier random) {
    this.backoff = backoff;
    this.random = random;
  }

  public ItemExponentialRateLimiter(ExponentialBackoff backoff) {
    this(backoff, () -> ThreadLocalRandom.current().nextDouble());
  }

  @Override
  public Duration when(K key) {
    int before = failures.merge(key, 1, (a, b) -> a == Integer.MAX_VALUE ? a : a + b) - 1;
    return backoff.delay(before, random.getAsDouble());
  }

  @Override
  public void forget(K key) {
    failures.remove(key);
  }

  @Override
  public int retries(K key) {
    return failures.getOrDefault(key, 0);
  }

  /** How many keys have failures on record. */
  public int tracked() {
    return failures.size();
  }
}
