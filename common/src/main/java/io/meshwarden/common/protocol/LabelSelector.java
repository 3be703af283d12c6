package io.meshwarden.common.protocol;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector. An empty selector ({@link #EVERYTHING}) matches every object, as in
 * Kubernetes; a null selector field on a fact means "no selector given".
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

  public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

  public LabelSelector {
    matchLabels = Facts.map(matchLabels);
    matchExpressions = Facts.list(matchExpressions);
  }

  /**
   * One {@code matchExpressions} entry: {@code In}, {@code NotIn}, {@code Exists} or {@code
   * DoesNotExist}.
   */
  public record Requirement(String key, String operator, List<String> values) {
    public Requirement {
      values = Facts.list(values);
    }
  }

  /** Whether {@code labels} satisfy this selector. An unknown operator matches nothing. */
  public boolean matches(Map<String, String> labels) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(l.get(e.getKey()))) {
        return false;
      }
    }
    for (Requirement r : matchExpressions) {
      String v = l.get(r.key());
      boolean ok =
          switch (r.operator() == null ? "" : r.operator()) {
            case "In" -> v != null && r.values().contains(v);
            case "NotIn" -> v == null || !r.values().contains(v);
            case "Exists" -> l.containsKey(r.key());
            case "DoesNotExist" -> !l.containsKey(r.key());
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
