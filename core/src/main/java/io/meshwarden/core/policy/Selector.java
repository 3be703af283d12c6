package io.meshwarden.core.policy;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}). An absent or
 * empty selector matches everything, as in Kubernetes.
 *
 * @param matchLabels labels that must be present with these values
 * @param expressions set-based requirements
 */
public record Selector(Map<String, String> matchLabels, List<Requirement> expressions) {

  /** Matches every object. */
  public static final Selector ALL = new Selector(Map.of(), List.of());

  public Selector {
    matchLabels = Map.copyOf(matchLabels);
    expressions = List.copyOf(expressions);
  }

  /**
   * One set-based requirement.
   *
   * @param operator {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}
   */
  public record Requirement(String key, String operator, List<String> values) {
    public Requirement {
      values = List.copyOf(values);
    }

    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case "In" -> value != null && values.contains(value);
        case "NotIn" -> value == null || !values.contains(value);
        case "Exists" -> labels.containsKey(key);
        case "DoesNotExist" -> !labels.containsKey(key);
        default -> false;
      };
    }
  }

  /** Whether {@code labels} satisfy every term. */
  public boolean matches(Map<String, String> labels) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(l.get(e.getKey()))) {
        return false;
      }
    }
    return expressions.stream().allMatch(r -> r.matches(l));
  }

  /** How many terms: the specificity used to order overlapping policies. */
  public int terms() {
    return matchLabels.size() + expressions.size();
  }
}
