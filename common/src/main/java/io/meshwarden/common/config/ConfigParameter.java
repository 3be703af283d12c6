package io.meshwarden.common.config;

import java.util.Objects;

/**
 * One typed configuration parameter, declared once as a constant and read with {@link
 * Config#get(ConfigParameter)}. The declaration is the documentation: key, type, default,
 * validation and description are all here, and {@link ConfigDocs} renders them.
 *
 * <pre>{@code
 * static final ConfigParameter<Integer> HTTP_PORT =
 *     ConfigParameter.withDefault("http.port", ConfigType.PORT, 8080, "Port of the ops server.");
 * }</pre>
 *
 * @param key dotted kebab-case key
 * @param type how text becomes a value
 * @param defaultValue the value when nothing sets it; null for none
 * @param required whether loading fails when nothing sets it (never together with a default)
 * @param validator checks a parsed value (and the default, at declaration)
 * @param secret masked in every output; its value may be {@code file:/path} to read it from a file
 * @param description for people
 * @param <T> the value's type
 */
public record ConfigParameter<T>(
    String key,
    ConfigType<T> type,
    T defaultValue,
    boolean required,
    ConfigValidator<? super T> validator,
    boolean secret,
    String description)
    implements ConfigKey {

  public ConfigParameter {
    ConfigKey.checkSyntax(key);
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(description, "description");
    if (required && defaultValue != null) {
      throw new IllegalArgumentException(key + ": a required parameter cannot have a default");
    }
    if (defaultValue != null) {
      validator.validate(defaultValue);
    }
  }

  /** A parameter that must be set. */
  public static <T> ConfigParameter<T> required(
      String key, ConfigType<T> type, String description) {
    return new ConfigParameter<>(key, type, null, true, ConfigValidator.any(), false, description);
  }

  /** A parameter that may stay unset; read it with {@link Config#find(ConfigParameter)}. */
  public static <T> ConfigParameter<T> optional(
      String key, ConfigType<T> type, String description) {
    return new ConfigParameter<>(key, type, null, false, ConfigValidator.any(), false, description);
  }

  /** A parameter with a default. */
  public static <T> ConfigParameter<T> withDefault(
      String key, ConfigType<T> type, T defaultValue, String description) {
    Objects.requireNonNull(defaultValue, "defaultValue");
    return new ConfigParameter<>(
        key, type, defaultValue, false, ConfigValidator.any(), false, description);
  }

  /** An optional secret: masked in output, and {@code file:/path} reads it from a mounted file. */
  public static ConfigParameter<Secret> secret(String key, String description) {
    return new ConfigParameter<>(
        key, ConfigType.SECRET, null, false, ConfigValidator.any(), true, description);
  }

  /** The same parameter with a validator (which must accept the default). */
  public ConfigParameter<T> validatedBy(ConfigValidator<? super T> check) {
    return new ConfigParameter<>(key, type, defaultValue, required, check, secret, description);
  }

  /** The same parameter, marked secret. */
  public ConfigParameter<T> asSecret() {
    return new ConfigParameter<>(key, type, defaultValue, required, validator, true, description);
  }

  @Override
  public String envName() {
    return ConfigKey.envNameOf(key);
  }

  /** Whether a default exists. */
  public boolean hasDefault() {
    return defaultValue != null;
  }
}
