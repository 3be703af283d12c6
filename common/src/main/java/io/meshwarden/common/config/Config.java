package io.meshwarden.common.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * Loaded, validated configuration: typed values, where each came from, and the effective
 * configuration as log lines with secrets masked. Immutable; built by {@link ConfigLoader}. Each
 * deployable turns it into its own config record at start and passes that record on.
 */
public final class Config {

  /** One resolved value: typed, as shown in the log, and where it came from. */
  record Value(Object value, String display, ConfigOrigin origin, boolean secret) {}

  private final ConfigSchema schema;
  private final Map<String, Value> values;
  private final Map<String, Value> prefixed;
  private final List<String> warnings;

  Config(
      ConfigSchema schema,
      Map<String, Value> values,
      Map<String, Value> prefixed,
      List<String> warnings) {
    this.schema = schema;
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    this.prefixed = Collections.unmodifiableMap(new TreeMap<>(prefixed));
    this.warnings = List.copyOf(warnings);
  }

  /** The schema this was loaded with. */
  public ConfigSchema schema() {
    return schema;
  }

  /**
   * A parameter's value. Throws {@link IllegalStateException} for an optional parameter without a
   * default that nobody set: read those with {@link #find(ConfigParameter)}.
   */
  public <T> T get(ConfigParameter<T> parameter) {
    return find(parameter)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    parameter.key() + " is optional and unset; read it with find()"));
  }

  /** A parameter's value, empty when it is optional and unset. */
  public <T> Optional<T> find(ConfigParameter<T> parameter) {
    requireDeclared(parameter);
    Value v = values.get(parameter.key());
    @SuppressWarnings("unchecked") // the loader stored a value parsed by this parameter's type
    T typed = v == null ? null : (T) v.value();
    return Optional.ofNullable(typed);
  }

  /** A prefix's entries by sub-key (secrets in clear: hand them to the client, never log them). */
  public Map<String, String> prefix(ConfigPrefix prefix) {
    requireDeclared(prefix);
    Map<String, String> out = new TreeMap<>();
    prefixed.forEach(
        (key, v) -> {
          String sub = prefix.subKeyOf(key);
          if (sub != null) {
            out.put(sub, (String) v.value());
          }
        });
    return Collections.unmodifiableMap(out);
  }

  /** Where a key's value came from; {@link ConfigOrigin#defaults()} when nothing set it. */
  public ConfigOrigin origin(String key) {
    Value v = values.containsKey(key) ? values.get(key) : prefixed.get(key);
    return v == null ? ConfigOrigin.defaults() : v.origin();
  }

  /** The key and where its value came from, for messages: {@code http.port (env MW_HTTP_PORT)}. */
  public String describe(String key) {
    return key + " (" + origin(key) + ")";
  }

  /**
   * The effective configuration, one {@code key = value (origin)} line per parameter and prefix
   * entry, ordered by key, secrets shown as {@value Secret#MASK}, unset optionals as {@code
   * <unset>}.
   */
  public List<String> effectiveConfigLines() {
    Map<String, String> lines = new TreeMap<>();
    for (ConfigParameter<?> p : schema.parameters()) {
      Value v = values.get(p.key());
      lines.put(p.key(), v == null ? p.key() + " = <unset>" : line(p.key(), v));
    }
    prefixed.forEach((key, v) -> lines.put(key, line(key, v)));
    return new ArrayList<>(lines.values());
  }

  /** Logs {@link #effectiveConfigLines()} at info, then any {@link #warnings()} at warn. */
  public void logEffective(Logger log) {
    log.info("Effective configuration:");
    effectiveConfigLines().forEach(line -> log.info("  {}", line));
    warnings.forEach(w -> log.warn("{}", w));
  }

  /** Things worth a warning that did not stop loading, such as unknown {@code MW_} variables. */
  public List<String> warnings() {
    return warnings;
  }

  /** A redactor that masks every secret value loaded here. */
  public Redactor redactor() {
    List<String> secrets = new ArrayList<>();
    values.values().stream()
        .filter(Value::secret)
        .forEach(v -> secrets.add(v.value() instanceof Secret s ? s.reveal() : (String) v.value()));
    prefixed.values().stream().filter(Value::secret).forEach(v -> secrets.add((String) v.value()));
    return Redactor.of(secrets);
  }

  @Override
  public String toString() {
    return String.join("\n", effectiveConfigLines());
  }

  private static String line(String key, Value v) {
    return key + " = " + (v.secret() ? Secret.MASK : v.display()) + "  (" + v.origin() + ")";
  }

  private void requireDeclared(ConfigKey key) {
    if (!schema.contains(key)) {
      throw new IllegalArgumentException(key.key() + " is not part of this configuration's schema");
    }
  }
}
