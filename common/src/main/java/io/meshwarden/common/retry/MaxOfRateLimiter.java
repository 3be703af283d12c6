package io.meshwarden.common.retry;

import java.time.Duration;
import java.util.List;

/**
 * The longest wait any of its limiters asks for (client-go's {@code MaxOfRateLimiter}). Every
 * limiter is asked on each {@link #when}, so each counts the use.
 */
final class MaxOfRateLimiter<K> implements RateLimiter<K> {

  private final List<RateLimiter<K>> limiters;

  MaxOfRateLimiter(List<RateLimiter<K>> limiters) {
    if (limiters.isEmpty()) {
      throw new IllegalArgumentException("need at least one limiter");
    }
    this.limiters = List.copyOf(limiters);
  }

  @Override
  public Duration when(K key) {
    Duration longest = Duration.ZERO;
    for (RateLimiter<K> l : limiters) {
      Duration d = l.when(key);
      if (d.compareTo(longest) > 0) {
        longest = d;
      }
    }
    return longest;
  }

  @Override
  public void forget(K key) {
    limiters.forEach(l -> l.forget(key));
  }

  @Override
  public int retries(K key) {
    int most = 0;
    for (RateLimiter<K> l : limiters) {
      most = Math.max(most, l.retries(key));
    }
    return most;
  }
}
