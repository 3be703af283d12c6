package io.meshwarden.alerting.model;

import java.util.regex.Pattern;

/** Alertmanager label names: {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
public final class LabelNames {

  private static final Pattern VALID = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private LabelNames() {}

  /** Whether {@code name} is a valid label name. */
  public static boolean valid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /**
   * {@code name} made valid: every other character becomes {@code _}, and a leading digit gets a
   * {@code _} in front ({@code app.kubernetes.io/team} becomes {@code app_kubernetes_io_team}).
   */
  public static String sanitize(String name) {
    if (name == null || name.isEmpty()) {
      return "_";
    }
    StringBuilder out = new StringBuilder(name.length() + 1);
    if (Character.isDigit(name.charAt(0))) {
      out.append('_');
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c == '_' || (c < 128 && Character.isLetterOrDigit(c));
      out.append(ok ? c : '_');
    }
    return out.toString();
  }
}
