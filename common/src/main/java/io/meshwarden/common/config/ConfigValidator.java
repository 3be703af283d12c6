package io.meshwarden.common.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks a parsed value. A validator throws {@link IllegalArgumentException} whose message
 * completes "expected ..."; the loader adds the key, the source and (unless secret) the value.
 *
 * @param <T> the value's type
 */
@FunctionalInterface
public interface ConfigValidator<T> {

  /** Throws {@link IllegalArgumentException} saying what was expected when the value is invalid. */
  void validate(T value);

  /** Accepts everything. */
  static <T> ConfigValidator<T> any() {
    return value -> {};
  }

  /** Both checks, this one first. */
  default ConfigValidator<T> and(ConfigValidator<? super T> next) {
    Objects.requireNonNull(next, "next");
    return value -> {
      validate(value);
      next.validate(value);
    };
  }

  /** An integer from {@code min} to {@code max}, both included. */
  static ConfigValidator<Integer> range(int min, int max) {
    return value -> {
      if (value < min || value > max) {
        throw new IllegalArgumentException("a number from " + min + " to " + max);
      }
    };
  }

  /** A duration above zero (a poll timeout, a window, an interval). */
  static ConfigValidator<java.time.Duration> positiveDuration() {
    return value -> {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("a duration above zero");
      }
    };
  }

  /** Text that matches a pattern in full; {@code expected} describes the pattern to people. */
  static ConfigValidator<String> matches(Pattern pattern, String expected) {
    return value -> {
      if (!pattern.matcher(value).matches()) {
        throw new IllegalArgumentException(expected);
      }
    };
  }

  /**
   * A DNS-1123 label: lower-case letters, digits and '-', starting and ending alphanumeric, at most
   * 63 characters (a Kubernetes name segment).
   */
  static ConfigValidator<String> dns1123Label() {
    Pattern label = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    return matches(
        label,
        "a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter"
            + " or digit, at most 63 characters)");
  }

  /**
   * Text that may start a Kafka topic name: letters, digits, '.', '_' and '-', at most 200
   * characters.
   */
  static ConfigValidator<String> topicNameChars() {
    return matches(
        Pattern.compile("[a-zA-Z0-9._-]{1,200}"),
        "letters, digits, '.', '_' and '-' only (legal in a Kafka topic name), at most 200"
            + " characters");
  }

  /**
   * A list of {@code host:port} addresses: a host name, an IPv4 address or a bracketed IPv6
   * address, and a port from 1 to 65535.
   */
  static ConfigValidator<List<String>> hostPortList() {
    Pattern hostPort =
        Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
                + "|\\[[0-9a-fA-F:.]+\\]):(\\d{1,5})");
    return values -> {
      for (String value : values) {
        var m = hostPort.matcher(value);
        if (!m.matches()
            || Integer.parseInt(m.group(1)) < 1
            || Integer.parseInt(m.group(1)) > 65535) {
          throw new IllegalArgumentException(
              "host:port pairs separated by commas (port 1-65535), but '" + value + "' is not one");
        }
      }
    };
  }

  /** An absolute http or https URL. */
  static ConfigValidator<String> httpUrl() {
    return matches(Pattern.compile("https?://[^\\s/$.?#][^\\s]*"), "an http:// or https:// URL");
  }
}
