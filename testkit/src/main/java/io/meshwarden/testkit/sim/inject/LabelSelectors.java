package io.meshwarden.testkit.sim.inject;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a Kubernetes {@link LabelSelector} against a label set, as the API server does. The
 * simulated cluster keeps this evaluator of its own on purpose: it stands in for the API server
 * that meshwarden's selector ({@code io.meshwarden.common.protocol.LabelSelector}) is tested
 * against, so sharing that code would let one bug pass on both sides (and testkit, used by common's
 * tests, cannot depend on common).
 */
public final class LabelSelectors {

  private LabelSelectors() {}

  /** True when every term of {@code selector} holds; a null selector matches everything. */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> term : selector.getMatchLabels().entrySet()) {
        if (!term.getValue().equals(actual.get(term.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        if (!holds(requirement, actual)) {
          return false;
        }
      }
    }
    return true;
  }

  /** True when the selector has no terms (Istio ignores empty never/always selectors). */
  public static boolean isEmpty(LabelSelector selector) {
    return selector == null
        || (isNullOrEmpty(selector.getMatchLabels())
            && (selector.getMatchExpressions() == null
                || selector.getMatchExpressions().isEmpty()));
  }

  /**
   * Whether Kubernetes accepts the selector's shape: In/NotIn with values, Exists/DoesNotExist
   * without, no other operator, keys and values of label syntax.
   */
  public static boolean valid(LabelSelector selector) {
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!validKey(e.getKey()) || !validValue(e.getValue())) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        String op = r.getOperator() == null ? "" : r.getOperator();
        boolean shape =
            switch (op) {
              case "In", "NotIn" -> !values.isEmpty();
              case "Exists", "DoesNotExist" -> values.isEmpty();
              default -> false;
            };
        if (!shape
            || !validKey(r.getKey())
            || !values.stream().allMatch(LabelSelectors::validValue)) {
          return false;
        }
      }
    }
    return true;
  }

  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  private static boolean validKey(String key) {
    if (key == null) {
      return false;
    }
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    String prefix = slash < 0 ? null : key.substring(0, slash);
    boolean prefixOk =
        prefix == null
            || (!prefix.isEmpty()
                && prefix.length() <= 253
                && prefix.matches(
                    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"));
    return prefixOk && name.length() <= 63 && NAME.matcher(name).matches();
  }

  private static boolean validValue(String value) {
    return value != null
        && (value.isEmpty() || (value.length() <= 63 && NAME.matcher(value).matches()));
  }

  private static boolean isNullOrEmpty(Map<String, String> map) {
    return map == null || map.isEmpty();
  }

  private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String key = requirement.getKey();
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator()) {
      case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
      case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
      case "Exists" -> labels.containsKey(key);
      case "DoesNotExist" -> !labels.containsKey(key);
      default ->
          throw new IllegalArgumentException(
              "Unknown selector operator " + requirement.getOperator());
    };
  }
}
