package io.meshwarden.alerting.config;

import java.time.Duration;

/**
 * How one receiver is called: concurrency, timeouts, retries and the circuit breaker.
 *
 * @param timeout for one HTTP request, connect to last byte
 * @param maxConcurrency requests in flight at once to this receiver
 * @param minInterval the least time between two requests (Slack allows about one a second)
 * @param initialBackoff wait before the first retry
 * @param maxBackoff the longest wait between retries
 * @param multiplier growth of the wait per attempt
 * @param jitter the fraction of each wait that is random, 0 to 1
 * @param maxAttempts attempts before a notification goes to the dead-letter topic
 * @param maxRetryTime after this long since the first attempt no retry is scheduled
 * @param breakerThreshold consecutive failures that open the circuit breaker
 * @param breakerOpenFor how long an open breaker refuses calls before one probe may pass
 */
public record DeliveryPolicy(
    Duration timeout,
    int maxConcurrency,
    Duration minInterval,
    Duration initialBackoff,
    Duration maxBackoff,
    double multiplier,
    double jitter,
    int maxAttempts,
    Duration maxRetryTime,
    int breakerThreshold,
    Duration breakerOpenFor) {

  /**
   * Defaults: 10 s timeout, 4 in flight, backoff 1 s doubling to 1 m with 20 % jitter, up to 50
   * attempts within 15 minutes (so a receiver down for several minutes loses nothing), breaker
   * opens after 5 failures for 30 s.
   */
  public static DeliveryPolicy defaults() {
    return new DeliveryPolicy(
        Duration.ofSeconds(10),
        4,
        Duration.ZERO,
        Duration.ofSeconds(1),
        Duration.ofMinutes(1),
        2.0,
        0.2,
        50,
        Duration.ofMinutes(15),
        5,
        Duration.ofSeconds(30));
  }

  /** The same policy with another minimum interval. */
  public DeliveryPolicy withMinInterval(Duration interval) {
    return new DeliveryPolicy(
        timeout,
        maxConcurrency,
        interval,
        initialBackoff,
        maxBackoff,
        multiplier,
        jitter,
        maxAttempts,
        maxRetryTime,
        breakerThreshold,
        breakerOpenFor);
  }
}
