package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.IntOrString;

/** Resolves {@code maxSurge}, {@code maxUnavailable}, {@code minAvailable}: an int or a percent. */
final class IntOrPercent {

  private IntOrPercent() {}

  static int resolve(IntOrString value, int total, boolean roundUp, int fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String s = value.getStrVal();
    if (s.endsWith("%")) {
      double scaled = Integer.parseInt(s.substring(0, s.length() - 1)) * total / 100.0;
      return (int) (roundUp ? Math.ceil(scaled) : Math.floor(scaled));
    }
    return Integer.parseInt(s);
  }
}
