package io.meshwarden.common.config;

/**
 * Renders a schema as a Markdown table (key, environment variable, type, default, description), so
 * the reference in {@code docs/configuration.md} comes from the declarations and a test keeps the
 * two in step, as Flink generates its option tables.
 */
public final class ConfigDocs {

  private ConfigDocs() {}

  /** The table, one row per parameter and prefix, ordered by key. */
  public static String markdownTable(ConfigSchema schema) {
    StringBuilder out =
        new StringBuilder("| key | environment variable | type | default | description |\n")
            .append("|---|---|---|---|---|\n");
    for (ConfigParameter<?> p : schema.parameters()) {
      out.append(row(p.key(), p.envName(), p.type().expected(), defaultOf(p), describe(p)));
    }
    for (ConfigPrefix p : schema.prefixes()) {
      out.append(row(p.pattern(), p.envName() + "*", "text", "", p.description()));
    }
    return out.toString();
  }

  private static String row(
      String key, String env, String type, String defaultValue, String description) {
    return "| `"
        + key
        + "` | `"
        + env
        + "` | "
        + type
        + " | "
        + defaultValue
        + " | "
        + description.replace("|", "\\|")
        + " |\n";
  }

  private static <T> String defaultOf(ConfigParameter<T> p) {
    if (p.required()) {
      return "**required**";
    }
    return p.hasDefault() ? "`" + p.type().format(p.defaultValue()) + "`" : "";
  }

  private static String describe(ConfigParameter<?> p) {
    return p.secret()
        ? p.description() + " Secret: masked in logs; `file:/path` reads it from a file."
        : p.description();
  }
}
