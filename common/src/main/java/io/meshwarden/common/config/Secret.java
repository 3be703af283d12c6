package io.meshwarden.common.config;

import java.util.Objects;

/**
 * A secret value (password, client secret, JAAS line). Its {@link #toString()} is always {@value
 * #MASK}, so a secret that slips into a log line, an exception message or a record's {@code
 * toString()} stays hidden; only {@link #reveal()} gives the value, at the one place that hands it
 * to a client library.
 */
public final class Secret {

  /** What every masked value looks like. */
  public static final String MASK = "******";

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** Wraps a value. */
  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The value itself; pass it straight to the library that needs it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return MASK;
  }
}
