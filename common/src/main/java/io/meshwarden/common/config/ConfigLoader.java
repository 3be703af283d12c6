package io.meshwarden.common.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link Config} from layers, lowest precedence first: parameter defaults, the YAML file,
 * the environment, command-line flags. The environment and flags are handed in as maps (never read
 * from {@code System.getenv()} here), so tests and the sandbox can give any they like.
 *
 * <p>Rules: unknown keys in the file or the flags fail (typos must not pass silently); an unknown
 * {@code MW_} environment variable is only a warning, because environments are shared; an empty
 * value in any layer counts as unset; a secret given as {@code file:/path} is read from that file
 * and trimmed. Every problem found is reported in one {@link ConfigException}.
 */
public final class ConfigLoader {

  /**
   * Environment variables with the {@code MW_} prefix that are read elsewhere, not by the loader.
   */
  public static final Set<String> RESERVED_ENV =
      Set.of("MW_LOG_FORMAT", "MW_LOG_LEVEL", "MW_JAVA_OPTS");

  /** What introduces a secret read from a file. */
  public static final String FILE_REFERENCE = "file:";

  private record Raw(String text, ConfigOrigin origin) {}

  private final ConfigSchema schema;

  public ConfigLoader(ConfigSchema schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
  }

  /** Loads without a file. */
  public Config load(Map<String, String> env, Map<String, String> flags) {
    return load(null, env, flags);
  }

  /**
   * Loads and validates every layer.
   *
   * @param file the YAML file, or null for none
   * @param env the process environment (or a test's)
   * @param flags overrides from the command line, by configuration key
   * @throws ConfigException naming every invalid, unknown or missing key and its source
   */
  public Config load(Path file, Map<String, String> env, Map<String, String> flags) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(flags, "flags");
    Map<String, Raw> raw = new HashMap<>();
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (file != null) {
      ConfigOrigin origin = new ConfigOrigin(ConfigSource.FILE, file.toString());
      YamlConfigFile.read(file).forEach((k, v) -> putKnown(k, v, origin, raw, problems));
    }
    readEnv(env, raw, problems, warnings);
    new TreeSet<>(flags.keySet())
        .forEach(
            k -> putKnown(k, flags.get(k), new ConfigOrigin(ConfigSource.FLAG, k), raw, problems));

    Map<String, Config.Value> values = new HashMap<>();
    for (ConfigParameter<?> p : schema.parameters()) {
      Config.Value v = resolve(p, raw.get(p.key()), problems);
      if (v != null) {
        values.put(p.key(), v);
      }
    }
    Map<String, Config.Value> prefixed = new HashMap<>();
    raw.forEach(
        (key, r) ->
            schema
                .prefixOf(key)
                .ifPresent(prefix -> resolvePrefixed(prefix, key, r, prefixed, problems)));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems.stream().sorted().toList());
    }
    return new Config(schema, values, prefixed, warnings);
  }

  private void putKnown(
      String key, String text, ConfigOrigin origin, Map<String, Raw> raw, List<String> problems) {
    boolean known = schema.parameter(key).isPresent();
    var prefix = schema.prefixOf(key);
    if (!known && prefix.isEmpty()) {
      String hint = schema.suggest(key).map(s -> "; did you mean " + s + "?").orElse("");
      problems.add(key + " (" + origin + "): unknown configuration key" + hint);
    } else if (prefix.isPresent() && !prefix.get().isValidSubKey(prefix.get().subKeyOf(key))) {
      problems.add(key + " (" + origin + "): not a valid key under " + prefix.get().pattern());
    } else if (text != null && !text.isBlank()) {
      raw.put(key, new Raw(text.trim(), origin));
    }
  }

  private void readEnv(
      Map<String, String> env, Map<String, Raw> raw, List<String> problems, List<String> warnings) {
    Set<String> used = new TreeSet<>(RESERVED_ENV);
    for (ConfigParameter<?> p : schema.parameters()) {
      String text = env.get(p.envName());
      used.add(p.envName());
      if (text != null && !text.isBlank()) {
        raw.put(p.key(), new Raw(text.trim(), new ConfigOrigin(ConfigSource.ENV, p.envName())));
      }
    }
    for (String name : new TreeSet<>(env.keySet())) {
      for (ConfigPrefix prefix : schema.prefixes()) {
        if (name.startsWith(prefix.envName()) && name.length() > prefix.envName().length()) {
          used.add(name);
          String key = prefix.key() + "." + prefix.subKeyOfEnv(name);
          putKnown(key, env.get(name), new ConfigOrigin(ConfigSource.ENV, name), raw, problems);
        }
      }
      if (name.startsWith("MW_") && !used.contains(name)) {
        warnings.add("Ignoring unknown environment variable " + name);
      }
    }
  }

  private Config.Value resolve(ConfigParameter<?> p, Raw r, List<String> problems) {
    if (r == null) {
      if (p.hasDefault()) {
        return defaultValue(p);
      }
      if (p.required()) {
        problems.add(
            p.key()
                + ": required but not set; set it in the configuration file, with environment"
                + " variable "
                + p.envName()
                + " or with --set "
                + p.key()
                + "=...");
      }
      return null;
    }
    String where = p.key() + " (" + r.origin() + ")";
    try {
      Raw effective = p.secret() ? dereference(r) : r;
      return typed(p, effective, where);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return null;
    } catch (SecretFileException e) {
      problems.add(where + ": " + e.getMessage());
      return null;
    }
  }

  private static <T> Config.Value defaultValue(ConfigParameter<T> p) {
    return new Config.Value(
        p.defaultValue(), p.type().format(p.defaultValue()), ConfigOrigin.defaults(), p.secret());
  }

  private static <T> Config.Value typed(ConfigParameter<T> p, Raw r, String where) {
    String got = p.secret() ? "" : ", got '" + r.text() + "'";
    T value;
    try {
      value = p.type().parse(r.text());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(where + ": expected " + p.type().expected() + got, e);
    }
    try {
      p.validator().validate(value);
    } catch (IllegalArgumentException e) {
      String expected = e.getMessage() == null ? "a valid value" : e.getMessage();
      throw new IllegalArgumentException(where + ": expected " + expected + got, e);
    }
    return new Config.Value(value, r.text(), r.origin(), p.secret());
  }

  private static void resolvePrefixed(
      ConfigPrefix prefix,
      String key,
      Raw r,
      Map<String, Config.Value> prefixed,
      List<String> problems) {
    boolean secret = prefix.isSecret(prefix.subKeyOf(key));
    try {
      Raw effective = secret ? dereference(r) : r;
      prefixed.put(key, new Config.Value(effective.text(), effective.text(), r.origin(), secret));
    } catch (SecretFileException e) {
      problems.add(key + " (" + r.origin() + "): " + e.getMessage());
    }
  }

  /** Reads {@code file:/path} references; other values pass unchanged. */
  private static Raw dereference(Raw r) {
    if (!r.text().startsWith(FILE_REFERENCE)) {
      return r;
    }
    String name = r.text().substring(FILE_REFERENCE.length());
    Path path;
    String content;
    try {
      path = Path.of(name);
    } catch (InvalidPathException e) {
      throw new SecretFileException("'" + name + "' is not a file path");
    }
    try {
      content = Files.readString(path).trim();
    } catch (IOException | SecurityException e) {
      throw new SecretFileException("cannot read secret file " + path + " (" + e + ")");
    }
    if (content.isEmpty()) {
      throw new SecretFileException("secret file " + path + " is empty");
    }
    ConfigOrigin origin =
        new ConfigOrigin(r.origin().source(), r.origin().detail() + ", read from " + path);
    return new Raw(content, origin);
  }

  /** A secret file that cannot be used; never carries the secret. */
  private static final class SecretFileException extends RuntimeException {
    SecretFileException(String message) {
      super(message);
    }
  }
}
