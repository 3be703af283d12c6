package io.meshwarden.common.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Something a configuration can set: a single typed {@link ConfigParameter}, or a {@link
 * ConfigPrefix} under which any sub-key is passed through as text.
 */
public sealed interface ConfigKey permits ConfigParameter, ConfigPrefix {

  /** Dotted, kebab-case segments: {@code kafka.bootstrap-servers}. */
  Pattern KEY_SYNTAX = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

  /** The key in the file and in {@code --set key=value}. */
  String key();

  /** One or two sentences for people: what it does, units, when to change it. */
  String description();

  /** The environment variable that sets it (for a prefix: the variables' common start). */
  String envName();

  /**
   * The environment variable for a key: {@code MW_} and the key upper-cased, with '.' and '-'
   * turned into '_' ({@code kafka.bootstrap-servers} becomes {@code MW_KAFKA_BOOTSTRAP_SERVERS}).
   */
  static String envNameOf(String key) {
    return "MW_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Throws {@link IllegalArgumentException} for a key that is not dotted kebab-case. */
  static String checkSyntax(String key) {
    if (key == null || !KEY_SYNTAX.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "configuration key '"
              + key
              + "' is not dotted kebab-case (like kafka.bootstrap-servers)");
    }
    return key;
  }
}
