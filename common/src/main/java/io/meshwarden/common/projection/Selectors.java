package io.meshwarden.common.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads Kubernetes label selectors ({@code matchLabels} and {@code matchExpressions}). */
final class Selectors {

  private Selectors() {}

  /** The selector in {@code field} of {@code parent}; null when absent, EVERYTHING when empty. */
  static LabelSelector read(Source src, JsonNode parent, String field) {
    JsonNode node = Nodes.object(parent, field);
    if (node == null) {
      return null;
    }
    try {
      return of(src, node);
    } catch (InvalidField e) {
      throw e.under(field);
    }
  }

  /** The selector {@code node} (an object). */
  static LabelSelector of(Source src, JsonNode node) {
    Map<String, String> labels = src.stringMap(node, "matchLabels");
    JsonNode exprs = Nodes.array(node, "matchExpressions");
    if (labels.isEmpty() && (exprs == null || exprs.isEmpty())) {
      return LabelSelector.EVERYTHING;
    }
    List<Requirement> requirements = List.of();
    if (exprs != null && !exprs.isEmpty()) {
      requirements = new ArrayList<>(exprs.size());
      for (int i = 0; i < exprs.size(); i++) {
        try {
          requirements.add(requirement(src, exprs.get(i)));
        } catch (InvalidField e) {
          throw e.under("matchExpressions[" + i + "]");
        }
      }
    }
    return new LabelSelector(labels, requirements);
  }

  /** A list of selectors (the injector's never/always selectors). */
  static List<LabelSelector> list(Source src, JsonNode array, String field) {
    if (array == null || array.isNull() || array.isMissingNode()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new InvalidField(field, "expected a list but got " + Nodes.describe(array));
    }
    List<LabelSelector> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isObject()) {
        throw new InvalidField(
            field + "[" + i + "]", "expected a label selector but got " + Nodes.describe(item));
      }
      try {
        out.add(of(src, item));
      } catch (InvalidField e) {
        throw e.under(field + "[" + i + "]");
      }
    }
    return out;
  }

  private static Requirement requirement(Source src, JsonNode expr) {
    if (!expr.isObject()) {
      throw new InvalidField("", "expected an object but got " + Nodes.describe(expr));
    }
    String key = Nodes.requiredText(expr, "key");
    String operator = Nodes.requiredText(expr, "operator");
    JsonNode values = Nodes.array(expr, "values");
    List<String> texts = List.of();
    if (values != null && !values.isEmpty()) {
      texts = new ArrayList<>(values.size());
      for (int i = 0; i < values.size(); i++) {
        String v = Nodes.scalarText(values.get(i), "values[" + i + "]");
        texts.add(v == null ? "" : src.intern(v));
      }
    }
    return new Requirement(src.intern(key), src.intern(operator), texts);
  }
}
