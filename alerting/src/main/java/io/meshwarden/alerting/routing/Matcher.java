package io.meshwarden.alerting.routing;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher, as in Alertmanager: {@code name="v"}, {@code name!="v"}, {@code name=~"re"},
 * {@code name!~"re"}. Regular expressions are anchored (they must match the whole value). A missing
 * label matches as the empty string.
 */
public record Matcher(String name, Op op, String value, Pattern pattern) {

  /** The comparison. */
  public enum Op {
    EQ("="),
    NE("!="),
    RE("=~"),
    NRE("!~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** How it is written. */
    public String symbol() {
      return symbol;
    }
  }

  private static final Pattern SYNTAX =
      Pattern.compile(
          "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|(.*?))\\s*");

  public Matcher {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(value, "value");
  }

  /** A matcher; throws {@link IllegalArgumentException} for an invalid regular expression. */
  public static Matcher of(String name, Op op, String value) {
    Pattern p = null;
    if (op == Op.RE || op == Op.NRE) {
      try {
        p = Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "invalid regular expression for " + name + ": " + e.getDescription());
      }
    }
    return new Matcher(name, op, value, p);
  }

  /** Parses {@code team="payments"} and the like; quotes are optional for simple values. */
  public static Matcher parse(String text) {
    java.util.regex.Matcher m = SYNTAX.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a matcher like name=\"value\", name!=\"v\", name=~\"re\"");
    }
    Op op =
        switch (m.group(2)) {
          case "=" -> Op.EQ;
          case "!=" -> Op.NE;
          case "=~" -> Op.RE;
          default -> Op.NRE;
        };
    String value = m.group(4) != null ? m.group(4).replaceAll("\\\\(.)", "$1") : m.group(5);
    return of(m.group(1), op, value);
  }

  /** Whether the labels satisfy this matcher. */
  public boolean matches(Map<String, String> labels) {
    String actual = labels.getOrDefault(name, "");
    return switch (op) {
      case EQ -> actual.equals(value);
      case NE -> !actual.equals(value);
      case RE -> pattern.matcher(actual).matches();
      case NRE -> !pattern.matcher(actual).matches();
    };
  }

  @Override
  public String toString() {
    return name + op.symbol + "\"" + value + "\"";
  }
}
