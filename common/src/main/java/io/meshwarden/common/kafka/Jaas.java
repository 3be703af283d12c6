package io.meshwarden.common.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes {@code sasl.jaas.config} lines. */
final class Jaas {

  private Jaas() {}

  /**
   * {@code <module> required k1="v1" k2="v2";}, values quoted with '\' and '"' escaped (Kafka
   * parses the line with a {@code StreamTokenizer}, which reads those escapes); null values are
   * left out.
   */
  static String line(String loginModule, Map<String, String> options) {
    StringBuilder out = new StringBuilder(loginModule).append(" required");
    new LinkedHashMap<>(options)
        .forEach(
            (key, value) -> {
              if (value != null) {
                out.append(' ').append(key).append("=\"").append(escape(value)).append('"');
              }
            });
    return out.append(';').toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
