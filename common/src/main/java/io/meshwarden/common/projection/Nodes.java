package io.meshwarden.common.projection;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed reads of one field of a JSON object, tolerant where Kubernetes' own decoding is (absent and
 * {@code null} are the same) and strict where a wrong type means the object is not what it claims.
 * Every failure is an {@link InvalidField} that names the field.
 */
final class Nodes {

  private Nodes() {}

  /** The field's node, or null when absent or JSON null. */
  static JsonNode get(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    return n == null || n.isNull() || n.isMissingNode() ? null : n;
  }

  /** An object field, or null when absent. */
  static JsonNode object(JsonNode parent, String field) {
    JsonNode n = get(parent, field);
    if (n != null && !n.isObject()) {
      throw new InvalidField(field, "expected an object but got " + describe(n));
    }
    return n;
  }

  /** An array field, or null when absent. */
  static JsonNode array(JsonNode parent, String field) {
    JsonNode n = get(parent, field);
    if (n != null && !n.isArray()) {
      throw new InvalidField(field, "expected a list but got " + describe(n));
    }
    return n;
  }

  /** A string field; a number or boolean is taken as its text (YAML {@code version: 1.10}). */
  static String text(JsonNode parent, String field) {
    return scalarText(get(parent, field), field);
  }

  /** A string field that must be present and non-empty. */
  static String requiredText(JsonNode parent, String field) {
    String s = text(parent, field);
    if (s == null || s.isEmpty()) {
      throw new InvalidField(field, "missing");
    }
    return s;
  }

  /** The text of a scalar node, null for null; a container node is invalid. */
  static String scalarText(JsonNode n, String field) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isValueNode()) {
      return n.asText();
    }
    throw new InvalidField(field, "expected a string but got " + describe(n));
  }

  /** An int32 field, or null when absent. */
  static Integer integer(JsonNode parent, String field) {
    JsonNode n = get(parent, field);
    if (n == null) {
      return null;
    }
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return n.intValue();
    }
    throw new InvalidField(field, "expected an integer but got " + describe(n));
  }

  /** An int32 field that must be present. */
  static int requiredInt(JsonNode parent, String field) {
    Integer i = integer(parent, field);
    if (i == null) {
      throw new InvalidField(field, "missing");
    }
    return i;
  }

  /** An int64 field, or null when absent. */
  static Long longValue(JsonNode parent, String field) {
    JsonNode n = get(parent, field);
    if (n == null) {
      return null;
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.longValue();
    }
    throw new InvalidField(field, "expected an integer but got " + describe(n));
  }

  /** A boolean field, or null when absent. */
  static Boolean bool(JsonNode parent, String field) {
    JsonNode n = get(parent, field);
    if (n == null) {
      return null;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    throw new InvalidField(field, "expected true or false but got " + describe(n));
  }

  /** A Kubernetes IntOrString as text ({@code 8080} or {@code http}), or null when absent. */
  static String intOrString(JsonNode parent, String field) {
    JsonNode n = get(parent, field);
    if (n == null) {
      return null;
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return Integer.toString(n.intValue());
    }
    throw new InvalidField(field, "expected an integer or a string but got " + describe(n));
  }

  /** A short description of a node's type for messages; never its content. */
  static String describe(JsonNode n) {
    return switch (n.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "a list";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
