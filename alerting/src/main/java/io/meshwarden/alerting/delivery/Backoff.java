package io.meshwarden.alerting.delivery;

import io.meshwarden.alerting.config.DeliveryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter: attempt {@code n} (1-based) waits {@code initial *
 * multiplier^(n-1)}, at most {@code max}, of which the fraction {@code jitter} is random. A {@code
 * Retry-After} the receiver sent (seconds or an HTTP date) wins when it asks for longer, up to one
 * hour.
 */
public final class Backoff {

  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  private final DeliveryPolicy policy;
  private final DoubleSupplier random;

  /**
   * @param random uniform in [0, 1): injectable so tests are deterministic
   */
  public Backoff(DeliveryPolicy policy, DoubleSupplier random) {
    this.policy = policy;
    this.random = random;
  }

  /** The wait after failed attempt {@code attempt}. */
  public Duration delay(int attempt, Optional<Duration> retryAfter) {
    double base =
        policy.initialBackoff().toMillis()
            * Math.pow(policy.multiplier(), Math.max(0, attempt - 1));
    double capped = Math.min(base, policy.maxBackoff().toMillis());
    double jittered =
        capped * (1 - policy.jitter()) + capped * policy.jitter() * random.getAsDouble();
    Duration d = Duration.ofMillis(Math.round(jittered));
    if (retryAfter.isPresent() && retryAfter.get().compareTo(d) > 0) {
      d = retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
    }
    return d;
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
