package io.meshwarden.common.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The keys one deployable accepts: the common set plus its own. Checked when built, so two
 * parameters can never share a key or an environment variable, and no parameter hides under a
 * prefix. Anything not in the schema is an unknown key and fails loading.
 */
public final class ConfigSchema {

  private final Map<String, ConfigParameter<?>> parameters;
  private final List<ConfigPrefix> prefixes;

  private ConfigSchema(Map<String, ConfigParameter<?>> parameters, List<ConfigPrefix> prefixes) {
    this.parameters = Collections.unmodifiableMap(parameters);
    this.prefixes = List.copyOf(prefixes);
  }

  /** A schema of these keys; throws {@link IllegalArgumentException} when two collide. */
  public static ConfigSchema of(Collection<? extends ConfigKey> keys) {
    return new ConfigSchema(new TreeMap<>(), List.of()).plus(keys);
  }

  /** This schema and more keys; throws {@link IllegalArgumentException} when two collide. */
  public ConfigSchema plus(Collection<? extends ConfigKey> keys) {
    Map<String, ConfigParameter<?>> params = new TreeMap<>(parameters);
    List<ConfigPrefix> pre = new ArrayList<>(prefixes);
    for (ConfigKey key : keys) {
      if (params.containsKey(key.key()) || pre.stream().anyMatch(p -> p.key().equals(key.key()))) {
        throw new IllegalArgumentException("configuration key declared twice: " + key.key());
      }
      if (key instanceof ConfigParameter<?> p) {
        params.put(p.key(), p);
      } else if (key instanceof ConfigPrefix p) {
        pre.add(p);
      }
    }
    pre.sort(Comparator.comparing(ConfigPrefix::key));
    checkCollisions(params, pre);
    return new ConfigSchema(params, pre);
  }

  private static void checkCollisions(
      Map<String, ConfigParameter<?>> params, List<ConfigPrefix> prefixes) {
    Map<String, String> byEnv = new HashMap<>();
    for (ConfigParameter<?> p : params.values()) {
      String other = byEnv.put(p.envName(), p.key());
      if (other != null) {
        throw new IllegalArgumentException(
            "keys " + other + " and " + p.key() + " share environment variable " + p.envName());
      }
      for (ConfigPrefix prefix : prefixes) {
        if (prefix.subKeyOf(p.key()) != null || p.envName().startsWith(prefix.envName())) {
          throw new IllegalArgumentException(
              "parameter " + p.key() + " is ambiguous with prefix " + prefix.pattern());
        }
      }
    }
  }

  /** The typed parameters, ordered by key. */
  public Collection<ConfigParameter<?>> parameters() {
    return parameters.values();
  }

  /** The prefixes, ordered by key. */
  public List<ConfigPrefix> prefixes() {
    return prefixes;
  }

  /** The parameter with this key. */
  public Optional<ConfigParameter<?>> parameter(String key) {
    return Optional.ofNullable(parameters.get(key));
  }

  /**
   * The prefix a full key falls under, such as {@code kafka.client} for {@code kafka.client.acks}.
   */
  public Optional<ConfigPrefix> prefixOf(String fullKey) {
    return prefixes.stream().filter(p -> p.subKeyOf(fullKey) != null).findFirst();
  }

  /** Whether this exact declaration belongs to the schema. */
  public boolean contains(ConfigKey key) {
    return key.equals(parameters.get(key.key())) || prefixes.contains(key);
  }

  /** The known key closest to an unknown one, if it is close enough to be a typo. */
  public Optional<String> suggest(String unknown) {
    List<String> candidates = new ArrayList<>(parameters.keySet());
    prefixes.forEach(p -> candidates.add(p.pattern()));
    return candidates.stream()
        .filter(c -> distance(unknown, c) <= Math.max(2, c.length() / 6))
        .min(Comparator.comparingInt(c -> distance(unknown, c)));
  }

  /** Levenshtein distance, two rows. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitution, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return prev[b.length()];
  }
}
