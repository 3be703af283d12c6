package io.meshwarden.alerting.receiver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.alerting.template.Text;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Builds payloads as JSON trees: Jackson escapes every string, so no value can break the JSON.
 * Strings put through {@link #text} are also cleaned and cut.
 */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static String text(String value, int max) {
    return Text.safe(value, max);
  }

  static ObjectNode map(Map<String, String> values, int max) {
    ObjectNode n = object();
    values.forEach((k, v) -> n.put(Text.safe(k, max), Text.safe(v, max)));
    return n;
  }

  static String time(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t);
  }

  static byte[] bytes(Object tree) {
    try {
      return MAPPER.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
