package io.meshwarden.common.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the YAML configuration file into dotted keys: nesting and dots are the same thing, so
 * {@code kafka: {bootstrap-servers: x}} and {@code kafka.bootstrap-servers: x} both give {@code
 * kafka.bootstrap-servers}. A sequence of scalars becomes a comma-separated value; a null leaves
 * the key unset. Duplicate keys and malformed YAML fail with a {@link ConfigException} that points
 * at the line.
 */
final class YamlConfigFile {

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");

  private YamlConfigFile() {}

  /** The file's values by dotted key, in file order. */
  static Map<String, String> read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("Configuration file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("Cannot read configuration file " + file + ": " + e, e);
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException("Malformed YAML in " + file + describe(e), e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return values;
    }
    if (!root.isObject()) {
      throw new ConfigException(
          "Configuration file " + file + " must hold a YAML mapping of keys, not a " + kind(root));
    }
    List<String> problems = new ArrayList<>();
    flatten("", root, values, problems, file);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return values;
  }

  private static void flatten(
      String prefix, JsonNode node, Map<String, String> out, List<String> problems, Path file) {
    node.properties()
        .forEach(
            field -> {
              String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
              JsonNode value = field.getValue();
              if (value.isObject()) {
                flatten(key, value, out, problems, file);
              } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.isValueNode() ? item.asText() : null));
                if (items.contains(null)) {
                  problems.add(key + " (file " + file + "): a list may hold only plain values");
                } else {
                  put(key, String.join(",", items), out, problems, file);
                }
              } else if (!value.isNull()) {
                put(key, value.asText(), out, problems, file);
              }
            });
  }

  private static void put(
      String key, String value, Map<String, String> out, List<String> problems, Path file) {
    if (out.put(key, value) != null) {
      problems.add(key + " (file " + file + "): given twice (once nested, once dotted)");
    }
  }

  /** The YAML parser's problem without its echo of the source text, and where it is. */
  private static String describe(JsonProcessingException e) {
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String problem =
        Arrays.stream(original.split("\n"))
            .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
            .collect(Collectors.joining("; "));
    String where = "";
    Matcher m = POSITION.matcher(original);
    while (m.find()) {
      where = " at line " + m.group(1) + ", column " + m.group(2);
    }
    if (where.isEmpty() && e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      where =
          " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
    return where + (problem.isEmpty() ? "" : ": " + problem);
  }

  private static String kind(JsonNode node) {
    return node.isArray() ? "list" : "single value";
  }
}
