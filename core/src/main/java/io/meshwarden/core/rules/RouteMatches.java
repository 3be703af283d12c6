package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.core.model.IstioVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The rules and matches of one VirtualService that can never be used, found as Istio's
 * VirtualService validation finds them (its warnings become IST0130 and IST0131 in istioctl). Each
 * section ({@code http}, {@code tcp}, {@code tls}) is walked in order:
 *
 * <ul>
 *   <li>a second rule without matches: that rule is unused ("only the last rule can have no
 *       matches");
 *   <li>from 1.27, any rule with matches after a rule without matches is unused ("route without
 *       matches defined before"), and its matches are not compared further; up to 1.26 such a rule
 *       is compared as any other;
 *   <li>a match equal to an earlier match of the section (as JSON, unset fields and an HTTP match's
 *       {@code name} left out; an earlier match of the same rule counts) is not used; a rule all of
 *       whose matches are so is unused ("all matches used by prior rules");
 *   <li>HTTP only: among the matches with a {@code uri.prefix} that were not duplicates, a later
 *       prefix that extends an earlier, different one is not used when port, method (unset counts
 *       as {@code exact:GET}), authority, headers, query parameters and absent headers are the
 *       same, or the earlier one's value extends the later one's. Exact and regex URIs never take
 *       part.
 * </ul>
 *
 * <p>Messages are deduplicated per VirtualService by their text, as istioctl deduplicates.
 */
final class RouteMatches {

  /** One finding, carrying istioctl's text. */
  sealed interface Verdict {
    /** The text istioctl reports. */
    String text();
  }

  /** A rule that is never used (IST0130). */
  record Unreachable(String rule, String reason) implements Verdict {
    @Override
    public String text() {
      return String.format("VirtualService rule %s not used (%s).", rule, reason);
    }
  }

  /** A match that is never used (IST0131). */
  record Ineffective(String rule, String match, String duplicateOf) implements Verdict {
    @Override
    public String text() {
      return String.format(
          "VirtualService rule %s match %s is not used (duplicate/overlapping match in rule %s).",
          rule, match, duplicateOf);
    }
  }

  /** The fields of an HTTP prefix match that the overlap check compares. */
  private record PrefixMatch(
      String rule,
      String match,
      String prefix,
      long port,
      String method,
      String authority,
      Map<String, String> headers,
      Map<String, String> queryParams,
      Map<String, String> withoutHeaders) {}

  /** Fields of a match that are maps: unset when empty, their values kept even when empty. */
  private static final Set<String> MAP_FIELDS =
      Set.of("headers", "queryParams", "withoutHeaders", "sourceLabels");

  private static final JsonNode NO_MATCHES = JsonNodeFactory.instance.arrayNode();

  private RouteMatches() {}

  /** What {@code version}'s validation says about {@code vs}, without repeated texts. */
  static List<Verdict> analyse(IstioConfigFacts vs, IstioVersion version) {
    Set<String> texts = new LinkedHashSet<>();
    List<Verdict> out = new ArrayList<>();
    for (String section : List.of("http", "tcp", "tls")) {
      for (Verdict v : section(section, vs.spec().path(section), version)) {
        if (texts.add(v.text())) {
          out.add(v);
        }
      }
    }
    return out;
  }

  private static List<Verdict> section(String section, JsonNode rules, IstioVersion version) {
    if (!rules.isArray()) {
      return List.of();
    }
    boolean http = section.equals("http");
    boolean skipAfterCatchAll = version.atLeast(1, 27);
    List<Verdict> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    List<PrefixMatch> prefixes = new ArrayList<>();
    int catchAll = -1;
    for (int r = 0; r < rules.size(); r++) {
      JsonNode rule = rules.get(r);
      if (rule.isNull()) {
        continue;
      }
      String ruleName = ruleName(rule, r, http);
      JsonNode matches = rule.path("match").isArray() ? rule.path("match") : NO_MATCHES;
      if (matches.size() == 0) {
        if (catchAll >= 0) {
          out.add(new Unreachable(ruleName, "only the last rule can have no matches"));
        }
        catchAll = r;
        continue;
      }
      int duplicates = 0;
      for (int m = 0; m < matches.size(); m++) {
        if (catchAll >= 0 && skipAfterCatchAll) {
          out.add(new Unreachable(ruleName, "route without matches defined before"));
          continue;
        }
        JsonNode match = camelCase(matches.get(m));
        String key = key(match, http);
        Integer earlier = seen.get(key);
        if (earlier != null) {
          out.add(
              new Ineffective(
                  ruleName,
                  matchName(match, m, http),
                  ruleName(rules.get(earlier), earlier, http)));
          duplicates++;
          continue;
        }
        seen.put(key, r);
        if (http) {
          PrefixMatch p = prefixMatch(ruleName, matchName(match, m, true), match);
          if (p != null) {
            prefixes.add(p);
          }
        }
      }
      if (duplicates == matches.size()) {
        out.add(new Unreachable(ruleName, "all matches used by prior rules"));
      }
    }
    out.addAll(overlaps(prefixes));
    return out;
  }

  private static List<Verdict> overlaps(List<PrefixMatch> prefixes) {
    List<Verdict> out = new ArrayList<>();
    for (int a = 0; a < prefixes.size(); a++) {
      for (int b = a + 1; b < prefixes.size(); b++) {
        PrefixMatch earlier = prefixes.get(a);
        PrefixMatch later = prefixes.get(b);
        if (!later.prefix().equals(earlier.prefix()) && covers(earlier, later)) {
          out.add(
              new Ineffective(
                  later.rule(),
                  later.match() + " of prefix " + later.prefix(),
                  earlier.match() + " of prefix " + earlier.prefix() + " on " + earlier.rule()));
        }
      }
    }
    return out;
  }

  /** Istio's test, kept as written: a differing value passes when the earlier one extends it. */
  private static boolean covers(PrefixMatch a, PrefixMatch b) {
    return b.prefix().startsWith(a.prefix())
        && a.port() == b.port()
        && a.method().startsWith(b.method())
        && a.authority().startsWith(b.authority())
        && covers(a.headers(), b.headers())
        && covers(a.queryParams(), b.queryParams())
        && covers(a.withoutHeaders(), b.withoutHeaders());
  }

  private static boolean covers(Map<String, String> a, Map<String, String> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (Map.Entry<String, String> e : a.entrySet()) {
      String other = b.get(e.getKey());
      if (other == null || !e.getValue().startsWith(other)) {
        return false;
      }
    }
    return true;
  }

  private static PrefixMatch prefixMatch(String rule, String name, JsonNode match) {
    String prefix = match.path("uri").path("prefix").asText("");
    if (prefix.isEmpty()) {
      return null;
    }
    String method = exactOrPrefix(match.path("method"));
    return new PrefixMatch(
        rule,
        name,
        prefix,
        match.path("port").asLong(0),
        method.isEmpty() ? "exact:GET" : method,
        exactOrPrefix(match.path("authority")),
        stringMatches(match.path("headers")),
        stringMatches(match.path("queryParams")),
        stringMatches(match.path("withoutHeaders")));
  }

  private static Map<String, String> stringMatches(JsonNode map) {
    Map<String, String> out = new HashMap<>();
    map.fields().forEachRemaining(e -> out.put(e.getKey(), exactOrPrefix(e.getValue())));
    return out;
  }

  /** {@code exact:v} or {@code prefix:v}; empty for a regex or nothing. */
  private static String exactOrPrefix(JsonNode stringMatch) {
    String exact = stringMatch.path("exact").asText("");
    if (!exact.isEmpty()) {
      return "exact:" + exact;
    }
    String prefix = stringMatch.path("prefix").asText("");
    return prefix.isEmpty() ? "" : "prefix:" + prefix;
  }

  /**
   * The match with its field names in camelCase: Istio reads {@code ignore_uri_case} as {@code
   * ignoreUriCase}, so both spellings are the same match.
   */
  private static JsonNode camelCase(JsonNode match) {
    if (!(match instanceof ObjectNode o)) {
      return match;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    o.fields()
        .forEachRemaining(
            e -> {
              StringBuilder b = new StringBuilder();
              boolean upper = false;
              for (char c : e.getKey().toCharArray()) {
                if (c == '_') {
                  upper = true;
                } else {
                  b.append(upper ? Character.toUpperCase(c) : c);
                  upper = false;
                }
              }
              out.set(b.toString(), e.getValue());
            });
    return out;
  }

  /** An HTTP rule's quoted name, else {@code #n}; TCP and TLS rules have no names. */
  private static String ruleName(JsonNode rule, int n, boolean http) {
    String name = http ? rule.path("name").asText("") : "";
    return name.isEmpty() ? "#" + n : goQuote(name);
  }

  private static String matchName(JsonNode match, int n, boolean http) {
    return ruleName(match, n, http);
  }

  /**
   * The match as Istio compares it: its JSON with unset fields (empty, zero, false) left out, keys
   * sorted, and an HTTP match's name removed.
   */
  static String key(JsonNode match, boolean http) {
    if (match == null || match.isNull()) {
      return "null";
    }
    JsonNode m = match;
    if (http && match instanceof ObjectNode o && o.has("name")) {
      ObjectNode copy = o.deepCopy();
      copy.remove("name");
      m = copy;
    }
    String c = canonical(m, false);
    return c == null ? "{}" : c;
  }

  /** Canonical JSON of a value; null when Go would leave it out as unset. */
  private static String canonical(JsonNode n, boolean inMap) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return inMap ? "null" : null;
    }
    if (n.isObject()) {
      TreeMap<String, String> fields = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String v =
            MAP_FIELDS.contains(e.getKey()) ? map(e.getValue()) : canonical(e.getValue(), false);
        if (v != null) {
          fields.put(e.getKey(), v);
        }
      }
      StringJoiner j = new StringJoiner(",", "{", "}");
      fields.forEach((k, v) -> j.add(TextNode.valueOf(k) + ":" + v));
      return j.toString();
    }
    if (n.isArray()) {
      if (n.isEmpty()) {
        return inMap ? "[]" : null;
      }
      StringJoiner j = new StringJoiner(",", "[", "]");
      n.forEach(e -> j.add(canonical(e, true)));
      return j.toString();
    }
    if (inMap) {
      return n.isNumber() ? n.decimalValue().stripTrailingZeros().toPlainString() : n.toString();
    }
    if (n.isBoolean()) {
      return n.booleanValue() ? "true" : null;
    }
    if (n.isNumber()) {
      return n.decimalValue().signum() == 0
          ? null
          : n.decimalValue().stripTrailingZeros().toPlainString();
    }
    return n.asText().isEmpty() ? null : TextNode.valueOf(n.asText()).toString();
  }

  /** A map field: left out when empty, each value kept (an empty string or object included). */
  private static String map(JsonNode n) {
    if (n.isObject() && n.isEmpty()) {
      return null;
    }
    if (!n.isObject()) {
      return canonical(n, false);
    }
    TreeMap<String, String> entries = new TreeMap<>();
    n.fields()
        .forEachRemaining(
            e -> {
              JsonNode value = e.getValue();
              String v = canonical(value, false);
              entries.put(e.getKey(), v != null ? v : value.isNull() ? "null" : "\"\"");
            });
    StringJoiner j = new StringJoiner(",", "{", "}");
    entries.forEach((k, v) -> j.add(TextNode.valueOf(k) + ":" + v));
    return j.toString();
  }

  /** Go's {@code %q} of a name: double quotes, backslash escapes for quotes and controls. */
  static String goQuote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
