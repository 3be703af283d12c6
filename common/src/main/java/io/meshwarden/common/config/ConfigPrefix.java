package io.meshwarden.common.config;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A map-valued parameter: every key under {@code prefix.} is passed through as text, such as {@code
 * kafka.client.max.poll.records} for raw Kafka client properties. Read it with {@link
 * Config#prefix(ConfigPrefix)}, which gives sub-keys without the prefix.
 *
 * <p>Sub-keys are lower-case and dotted. From the environment, {@code
 * MW_KAFKA_CLIENT_MAX_POLL_RECORDS} becomes sub-key {@code max.poll.records}: the part after the
 * prefix is lower-cased and every '_' becomes '.', which fits Kafka's property names.
 *
 * @param key the prefix without the trailing dot, such as {@code kafka.client}
 * @param secretSubKey which sub-keys hold secrets (masked; {@code file:/path} allowed)
 * @param description for people
 */
public record ConfigPrefix(String key, Predicate<String> secretSubKey, String description)
    implements ConfigKey {

  /**
   * Sub-keys that look like they hold credentials: passwords, passphrases, secrets, JAAS lines and
   * private keys.
   */
  public static final Predicate<String> CREDENTIAL_LIKE =
      Pattern.compile("password|passphrase|secret|jaas|private\\.key|keystore\\.key|credential")
          .asPredicate();

  private static final Pattern SUB_KEY = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*");

  public ConfigPrefix {
    ConfigKey.checkSyntax(key);
    Objects.requireNonNull(secretSubKey, "secretSubKey");
    Objects.requireNonNull(description, "description");
  }

  /** A prefix whose credential-like sub-keys are secret. */
  public static ConfigPrefix of(String key, String description) {
    return new ConfigPrefix(key, CREDENTIAL_LIKE, description);
  }

  /** The environment variables' common start, such as {@code MW_KAFKA_CLIENT_}. */
  @Override
  public String envName() {
    return ConfigKey.envNameOf(key) + "_";
  }

  /** How the key is shown to people: {@code kafka.client.*}. */
  public String pattern() {
    return key + ".*";
  }

  /** The sub-key of a full key under this prefix, or null when the key is not under it. */
  public String subKeyOf(String fullKey) {
    if (!fullKey.startsWith(key + ".") || fullKey.length() == key.length() + 1) {
      return null;
    }
    return fullKey.substring(key.length() + 1);
  }

  /** The sub-key an environment variable under this prefix sets. */
  public String subKeyOfEnv(String envVar) {
    return envVar.substring(envName().length()).toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** Whether a sub-key is well formed: lower-case letters and digits, joined by '.', '_' or '-'. */
  public boolean isValidSubKey(String subKey) {
    return SUB_KEY.matcher(subKey).matches();
  }

  /** Whether a sub-key's value is a secret. */
  public boolean isSecret(String subKey) {
    return secretSubKey.test(subKey);
  }
}
