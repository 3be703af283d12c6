package io.meshwarden.common.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * Builds the JSON tree of an object held as plain Java values (maps, lists, strings, numbers,
 * booleans, nulls), the form fabric8's {@code KubernetesSerialization.convertValue(obj, Map.class)}
 * gives, without writing or parsing JSON text.
 *
 * <p>The tree is the one parsing the object's JSON text would give: whole numbers become the
 * smallest of int, long and big integer that holds them (a {@code Long} field of 5 is an int node,
 * as {@code 5} in text would be), fractions become doubles, byte arrays their Base64 text. So the
 * watcher's facts equal those a JSON round trip gave.
 */
final class JavaTrees {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JavaTrees() {}

  /** The tree of {@code value}; an unexpected type is an {@link IllegalArgumentException}. */
  static JsonNode toTree(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode o = NODES.objectNode();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        o.set(String.valueOf(e.getKey()), toTree(e.getValue()));
      }
      return o;
    }
    if (value instanceof Collection<?> list) {
      ArrayNode a = NODES.arrayNode(list.size());
      for (Object item : list) {
        a.add(toTree(item));
      }
      return a;
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Number n) {
      return number(n);
    }
    if (value instanceof Object[] array) {
      ArrayNode a = NODES.arrayNode(array.length);
      for (Object item : array) {
        a.add(toTree(item));
      }
      return a;
    }
    if (value instanceof byte[] bytes) {
      return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
    }
    throw new IllegalArgumentException("unexpected value of type " + value.getClass().getName());
  }

  private static JsonNode number(Number n) {
    if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return NODES.numberNode(n.intValue());
    }
    if (n instanceof Long l) {
      return integral(l);
    }
    if (n instanceof BigInteger big) {
      return big.bitLength() < 64 ? integral(big.longValue()) : NODES.numberNode(big);
    }
    if (n instanceof BigDecimal d) {
      // Text without a fraction or exponent reads back as a whole number.
      return d.scale() == 0 ? number(d.unscaledValue()) : NODES.numberNode(d.doubleValue());
    }
    if (n instanceof Float f) {
      // Written as the float's shortest text, read back as a double.
      return NODES.numberNode(Double.parseDouble(Float.toString(f)));
    }
    if (n instanceof Double d) {
      return NODES.numberNode(d);
    }
    throw new IllegalArgumentException("unexpected number of type " + n.getClass().getName());
  }

  private static JsonNode integral(long l) {
    return l == (int) l ? NODES.numberNode((int) l) : NODES.numberNode(l);
  }
}
