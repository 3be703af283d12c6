package io.meshwarden.common.protocol;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes label selector, and meshwarden's one way to match labels against a selector: {@code
 * matchLabels} and {@code matchExpressions} with {@code In}, {@code NotIn}, {@code Exists} and
 * {@code DoesNotExist}, all terms ANDed, as {@code metav1.LabelSelectorAsSelector} reads them.
 *
 * <ul>
 *   <li>An empty selector ({@link #EVERYTHING}, {@code {}}) matches every label set.
 *   <li>{@code NotIn} and {@code DoesNotExist} match when the key is absent.
 *   <li>A selector the Kubernetes API would refuse ({@link #problem()}: an unknown operator, values
 *       on {@code Exists}, none on {@code In}, a key or value that is not a valid label name or
 *       value) matches nothing, as Kubernetes treats a selector it cannot convert.
 *   <li>A <em>null</em> selector is not this class's business: each caller says what an absent
 *       selector means to it (a webhook without {@code objectSelector} is called for every object;
 *       a PodDisruptionBudget without one selects no pod).
 * </ul>
 *
 * Istio's {@code workloadSelector} and {@code selector.matchLabels}, and a Service's {@code
 * spec.selector}, are plain label maps; {@link #ofMatchLabels} makes them a selector with the same
 * semantics (every pair must be present).
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

  /** The empty selector: matches every label set. */
  public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

  /** Longest label name (the part after any prefix) and label value. */
  private static final int MAX_NAME = 63;

  /** Longest label-key prefix (a DNS subdomain). */
  private static final int MAX_PREFIX = 253;

  public LabelSelector {
    matchLabels = Facts.map(matchLabels);
    matchExpressions = Facts.list(matchExpressions);
  }

  /** A selector of {@code labels} only (null is empty): every pair must be present. */
  public static LabelSelector ofMatchLabels(Map<String, String> labels) {
    return labels == null || labels.isEmpty() ? EVERYTHING : new LabelSelector(labels, List.of());
  }

  /**
   * One {@code matchExpressions} entry.
   *
   * @param operator {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}
   * @param values non-empty for {@code In} and {@code NotIn}, empty for the others
   */
  public record Requirement(String key, String operator, List<String> values) {
    public Requirement {
      values = Facts.list(values);
    }

    /** Whether {@code labels} (never null) satisfy this requirement; assumes it is valid. */
    boolean holds(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (operator) {
        case "In" -> v != null && values.contains(v);
        case "NotIn" -> v == null || !values.contains(v);
        case "Exists" -> v != null || labels.containsKey(key);
        case "DoesNotExist" -> v == null && !labels.containsKey(key);
        default -> false;
      };
    }

    /** Why the Kubernetes API would refuse this requirement; empty when it is valid. */
    public Optional<String> problem() {
      return Optional.ofNullable(check());
    }

    private String check() {
      String k = keyProblem(key);
      if (k != null) {
        return k;
      }
      if (operator == null) {
        return "key '" + key + "': operator is missing";
      }
      switch (operator) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            return "key '" + key + "': " + operator + " needs at least one value";
          }
          for (String v : values) {
            String p = valueProblem(v);
            if (p != null) {
              return "key '" + key + "': " + p;
            }
          }
          return null;
        }
        case "Exists", "DoesNotExist" -> {
          return values.isEmpty()
              ? null
              : "key '" + key + "': " + operator + " takes no values, got " + values;
        }
        default -> {
          return "key '"
              + key
              + "': unknown operator '"
              + operator
              + "' (expected In, NotIn, Exists or DoesNotExist)";
        }
      }
    }
  }

  /**
   * Whether {@code labels} (null is no labels) satisfy every term. A selector with a {@link
   * #problem()} matches nothing.
   */
  public boolean matches(Map<String, String> labels) {
    if (problem().isPresent()) {
      return false;
    }
    Map<String, String> l = labels == null ? Map.of() : labels;
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(l.get(e.getKey()))) {
        return false;
      }
    }
    for (Requirement r : matchExpressions) {
      if (!r.holds(l)) {
        return false;
      }
    }
    return true;
  }

  /**
   * How many terms ({@code matchLabels} entries plus requirements); zero for the empty selector.
   * Policies use it as their specificity.
   */
  public int terms() {
    return matchLabels.size() + matchExpressions.size();
  }

  /** Why the Kubernetes API would refuse this selector; empty when it is valid. */
  public Optional<String> problem() {
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      String p = keyProblem(e.getKey());
      if (p == null) {
        p = valueProblem(e.getValue());
        if (p != null) {
          p = "matchLabels '" + e.getKey() + "': " + p;
        }
      }
      if (p != null) {
        return Optional.of(p);
      }
    }
    for (int i = 0; i < matchExpressions.size(); i++) {
      Requirement r = matchExpressions.get(i);
      String p = r.check();
      if (p != null) {
        return Optional.of("matchExpressions[" + i + "] " + p);
      }
    }
    return Optional.empty();
  }

  /**
   * This selector, when it is valid.
   *
   * @throws IllegalArgumentException saying what the Kubernetes API would refuse
   */
  public LabelSelector requireValid() {
    Optional<String> p = problem();
    if (p.isPresent()) {
      throw new IllegalArgumentException(p.get());
    }
    return this;
  }

  /** A label key: an optional DNS-subdomain prefix and '/', then a name; null when valid. */
  static String keyProblem(String key) {
    if (key == null || key.isEmpty()) {
      return "label key is empty";
    }
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > MAX_PREFIX || !dnsSubdomain(prefix)) {
        return "label key '" + key + "': the prefix must be a DNS subdomain";
      }
    }
    if (name.isEmpty() || name.length() > MAX_NAME || !labelText(name)) {
      return "label key '"
          + key
          + "': the name must be 1-63 characters of [A-Za-z0-9-_.], starting and ending"
          + " alphanumeric";
    }
    return null;
  }

  /** A label value: empty, or up to 63 characters of {@link #labelText}; null when valid. */
  static String valueProblem(String value) {
    if (value == null) {
      return "label value is null";
    }
    if (value.isEmpty()) {
      return null;
    }
    if (value.length() > MAX_NAME || !labelText(value)) {
      return "label value '"
          + value
          + "' must be at most 63 characters of [A-Za-z0-9-_.], starting and ending"
          + " alphanumeric";
    }
    return null;
  }

  /** {@code [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?}. */
  private static boolean labelText(String s) {
    if (!alnum(s.charAt(0)) || !alnum(s.charAt(s.length() - 1))) {
      return false;
    }
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (!alnum(c) && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** Lower-case DNS-1123 labels joined by dots. */
  private static boolean dnsSubdomain(String s) {
    for (String label : s.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > MAX_NAME) {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok) {
          return false;
        }
      }
      if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
