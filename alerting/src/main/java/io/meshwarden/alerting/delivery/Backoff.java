package io.meshwarden.alerting.delivery;

import io.meshwarden.alerting.config.DeliveryPolicy;
import io.meshwarden.common.retry.ExponentialBackoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How a receiver's retries are spaced: the delivery policy's capped exponential backoff with jitter
 * (common's {@link ExponentialBackoff}: attempt {@code n} waits {@code initial * multiplier^(n-1)},
 * at most {@code max}, of which the fraction {@code jitter} is random), stretched to a {@code
 * Retry-After} the receiver sent (seconds or an HTTP date) when that asks for longer, up to one
 * hour.
 */
public final class Backoff {

  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  private Backoff() {}

  /** The policy's backoff. An {@code initial_backoff} above {@code max_backoff} waits the max. */
  public static ExponentialBackoff of(DeliveryPolicy policy) {
    Duration max = policy.maxBackoff();
    Duration initial = policy.initialBackoff().compareTo(max) > 0 ? max : policy.initialBackoff();
    return new ExponentialBackoff(initial, max, policy.multiplier(), policy.jitter());
  }

  /** {@code backoff}, or the receiver's {@code Retry-After} (at most an hour) when longer. */
  public static Duration honouringRetryAfter(Duration backoff, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent() && retryAfter.get().compareTo(backoff) > 0) {
      return retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
    }
    return backoff;
  }

  /** Parses a {@code Retry-After} value: delay seconds or an HTTP date; empty when unreadable. */
  public static Optional<Duration> parseRetryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }
}
