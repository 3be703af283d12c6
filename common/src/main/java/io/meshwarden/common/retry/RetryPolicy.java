package io.meshwarden.common.retry;

import java.time.Duration;
import org.slf4j.event.Level;

/**
 * A {@link RateLimiter} with an attempt budget: after a failure it says either "retry after this
 * wait" or "give up", and at which level to log the failure (JOSDK's retry-aware logging: warn
 * while retries remain, error when they run out). A key is forgotten when it succeeds or gives up,
 * so the limiter only holds keys that are still being retried.
 *
 * <pre>{@code
 * RetryPolicy.Verdict v = retries.failed(key, true);
 * LOG.atLevel(v.level()).log("Sending {} failed: {} (attempt {})", key, error, v.attempts());
 * if (v instanceof RetryPolicy.Retry r) schedule(task, r.delay());
 * }</pre>
 *
 * @param <K> the key
 */
public final class RetryPolicy<K> {

  /** What to do after a failure. */
  public sealed interface Verdict {
    /** Attempts made so far, the failed one included. */
    int attempts();

    /** {@link Level#WARN} while retries remain, {@link Level#ERROR} when they have run out. */
    Level level();
  }

  /** Try again after {@code delay}. */
  public record Retry(Duration delay, int attempts) implements Verdict {
    @Override
    public Level level() {
      return Level.WARN;
    }
  }

  /** Stop: the budget is spent or the failure cannot be retried. The key is forgotten. */
  public record GiveUp(int attempts) implements Verdict {
    @Override
    public Level level() {
      return Level.ERROR;
    }
  }

  private final RateLimiter<K> limiter;
  private final int maxAttempts;

  /**
   * @param maxAttempts attempts before giving up, the first included; {@link Integer#MAX_VALUE} for
   *     never
   */
  public RetryPolicy(RateLimiter<K> limiter, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    this.limiter = limiter;
    this.maxAttempts = maxAttempts;
  }

  /** Retries forever (for loops that must keep going, like a leader's publisher). */
  public static <K> RetryPolicy<K> forever(RateLimiter<K> limiter) {
    return new RetryPolicy<>(limiter, Integer.MAX_VALUE);
  }

  /**
   * An attempt on {@code key} failed.
   *
   * @param retriable false when trying again cannot help (or is no longer wanted)
   */
  public Verdict failed(K key, boolean retriable) {
    int attempts = limiter.retries(key) + 1;
    if (!retriable || attempts >= maxAttempts) {
      limiter.forget(key);
      return new GiveUp(attempts);
    }
    return new Retry(limiter.when(key), attempts);
  }

  /** An attempt on {@code key} succeeded: its next failure starts from the shortest wait. */
  public void succeeded(K key) {
    limiter.forget(key);
  }

  /**
   * Gives up on {@code key} without another attempt (for example when a deadline passed while it
   * waited); returns the attempts made.
   */
  public int abandon(K key) {
    int attempts = limiter.retries(key);
    limiter.forget(key);
    return attempts;
  }

  /** Failed attempts on {@code key} since it last succeeded. */
  public int failures(K key) {
    return limiter.retries(key);
  }

  /** Attempts before giving up. */
  public int maxAttempts() {
    return maxAttempts;
  }
}
