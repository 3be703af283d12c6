package io.meshwarden.testkit.sim;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Turns one YAML scenario step (a map with a single key) into a {@link Scenario} call. */
final class ScenarioSteps {

  private ScenarioSteps() {}

  @SuppressWarnings("unchecked")
  static void add(Scenario s, Map<String, Object> step) {
    if (step.size() != 1) {
      throw new IllegalArgumentException("A scenario step has exactly one key: " + step);
    }
    Map.Entry<String, Object> only = step.entrySet().iterator().next();
    Object v = only.getValue();
    Map<String, Object> m = v instanceof Map<?, ?> ? (Map<String, Object>) v : Map.of();
    switch (only.getKey()) {
      case "install" -> s.install(revision(m));
      case "installCanary" -> s.installCanary(revision(m));
      case "upgradeInPlace" -> s.upgradeInPlace(str(m, "revision"), str(m, "tag"));
      case "setTag" -> s.setTag(str(m, "tag"), str(m, "revision"));
      case "namespace" -> s.namespace(str(m, "name"), strings(m.get("labels")));
      case "deployment" ->
          s.deployment(
              str(m, "namespace"),
              str(m, "name"),
              Integer.parseInt(String.valueOf(m.getOrDefault("replicas", 1))),
              strings(m.get("podLabels")),
              strings(m.get("podAnnotations")));
      case "restart" -> s.restart(str(m, "namespace"), str(m, "name"));
      case "injectorDown" -> s.injectorDown(duration(v));
      case "proxyFault" ->
          s.proxyFault(
              str(m, "namespace"),
              str(m, "workload"),
              ProxyFault.valueOf(str(m, "fault").toUpperCase(Locale.ROOT).replace('-', '_')));
      case "advance" -> s.advance(duration(v));
      case "expect" ->
          s.expect(
              str(m, "namespace"),
              Integer.parseInt(String.valueOf(m.getOrDefault("withSidecar", 0))),
              Integer.parseInt(String.valueOf(m.getOrDefault("withoutSidecar", 0))),
              m.get("proxyTag") == null ? null : String.valueOf(m.get("proxyTag")));
      default -> throw new IllegalArgumentException("Unknown scenario step " + only.getKey());
    }
  }

  private static Revision revision(Map<String, Object> m) {
    Revision r = Revision.of(str(m, "revision"), str(m, "tag"));
    if (Boolean.parseBoolean(String.valueOf(m.getOrDefault("default", false)))) {
      r = r.asDefault();
    }
    if (m.get("failurePolicy") != null) {
      r = r.withFailurePolicy(str(m, "failurePolicy"));
    }
    if (m.get("policy") != null) {
      r = r.withPolicy(str(m, "policy"));
    }
    return r;
  }

  /**
   * {@code 30s}, {@code 2m}, or ISO-8601 {@code PT30S}: a subset of meshwarden's duration syntax,
   * read here because testkit cannot depend on common (whose tests use testkit).
   */
  static Duration duration(Object raw) {
    String s = String.valueOf(raw).trim();
    if (s.startsWith("P")) {
      return Duration.parse(s);
    }
    long n = Long.parseLong(s.substring(0, s.length() - 1));
    return switch (s.charAt(s.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> throw new IllegalArgumentException("Bad duration " + s);
    };
  }

  private static String str(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("Scenario step misses " + key + ": " + m);
    }
    return String.valueOf(v);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> strings(Object raw) {
    if (raw == null) {
      return Map.of();
    }
    Map<String, String> out = new java.util.LinkedHashMap<>();
    ((Map<String, Object>) raw).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }
}
