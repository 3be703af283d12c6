package io.meshwarden.alerting.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.config.ConfigType;
import io.meshwarden.common.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed fields of one YAML mapping and records every problem with its path ({@code
 * receivers[2].slack.url: ...}) instead of failing at the first. Secrets are {@code env:NAME},
 * {@code file:/path} or literal text; messages never repeat a secret's value.
 */
final class Fields {

  private final JsonNode node;
  private final String path;
  private final List<String> problems;
  private final Map<String, String> env;

  Fields(JsonNode node, String path, List<String> problems, Map<String, String> env) {
    this.node = node;
    this.path = path;
    this.problems = problems;
    this.env = env;
  }

  String path() {
    return path;
  }

  String at(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void problem(String key, String message) {
    problems.add(at(key) + ": " + message);
  }

  /** Reports keys of this mapping that are not in {@code known}. */
  void rejectUnknown(Set<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        problem(name, "unknown key; expected one of " + new java.util.TreeSet<>(known));
      }
    }
  }

  boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  JsonNode raw(String key) {
    return node.get(key);
  }

  Fields child(String key) {
    JsonNode v = node.get(key);
    if (v != null && !v.isObject() && !v.isNull()) {
      problem(key, "expected a mapping");
    }
    return new Fields(v != null && v.isObject() ? v : EMPTY, at(key), problems, env);
  }

  String string(String key, String fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isValueNode() || v.asText().isEmpty()) {
      problem(key, "expected a non-empty string");
      return fallback;
    }
    return v.asText();
  }

  String requiredString(String key) {
    String s = string(key, null);
    if (s == null && !has(key)) {
      problem(key, "required");
    }
    return s;
  }

  boolean bool(String key, boolean fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      problem(key, "expected true or false");
      return fallback;
    }
    return v.booleanValue();
  }

  int integer(String key, int fallback, int min, int max) {
    return number(key, fallback, min, max, JsonNode::isInt, JsonNode::intValue);
  }

  double decimal(String key, double fallback, double min, double max) {
    return number(key, fallback, min, max, JsonNode::isNumber, JsonNode::doubleValue);
  }

  private <N extends Comparable<N>> N number(
      String key,
      N fallback,
      N min,
      N max,
      java.util.function.Predicate<JsonNode> kind,
      Function<JsonNode, N> read) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!kind.test(v) || read.apply(v).compareTo(min) < 0 || read.apply(v).compareTo(max) > 0) {
      problem(key, "expected a number from " + min + " to " + max);
      return fallback;
    }
    return read.apply(v);
  }

  Duration duration(String key, Duration fallback) {
    String s = string(key, null);
    if (s == null) {
      return fallback;
    }
    try {
      return ConfigType.DURATION.parse(s);
    } catch (RuntimeException e) {
      problem(key, ConfigType.DURATION.expected() + ", got '" + s + "'");
      return fallback;
    }
  }

  URI uri(String key, boolean required) {
    String s = required ? requiredString(key) : string(key, null);
    return s == null ? null : parseUri(key, s);
  }

  URI parseUri(String key, String s) {
    try {
      URI u = URI.create(s);
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
        problem(key, "expected an http or https URL");
        return null;
      }
      return u;
    } catch (IllegalArgumentException e) {
      problem(key, "expected an http or https URL");
      return null;
    }
  }

  List<String> strings(String key) {
    JsonNode v = node.get(key);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      problem(key, "expected a list");
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (!item.isValueNode() || item.asText().isEmpty()) {
        problem(key + "[" + i + "]", "expected a non-empty string");
      } else {
        out.add(item.asText());
      }
    }
    return out;
  }

  /** A secret: {@code env:NAME}, {@code file:/path} or the text itself. */
  Secret secret(String key, boolean required) {
    String s = required ? requiredString(key) : string(key, null);
    if (s == null) {
      return null;
    }
    if (s.startsWith("env:")) {
      String name = s.substring(4);
      String value = env.get(name);
      if (value == null || value.isBlank()) {
        problem(key, "environment variable " + name + " is not set");
        return null;
      }
      return Secret.of(value.trim());
    }
    if (s.startsWith("file:")) {
      Path file = Path.of(s.substring(5));
      try {
        String value = Files.readString(file).trim();
        if (value.isEmpty()) {
          problem(key, "file " + file + " is empty");
          return null;
        }
        return Secret.of(value);
      } catch (IOException e) {
        problem(key, "cannot read file " + file + ": " + e.getClass().getSimpleName());
        return null;
      }
    }
    return Secret.of(s);
  }

  private static final JsonNode EMPTY =
      com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
}
