package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.common.protocol.IstioConfigFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds VirtualService rules that can never match and matches that repeat an earlier one, section
 * by section ({@code http}, {@code tls}, {@code tcp}). Matches compare as JSON with their {@code
 * name} removed; a rule without matches, or with a match of no conditions, matches everything.
 */
final class RouteMatches {

  /**
   * One finding about one rule.
   *
   * @param rule {@code http[2]} (or the rule's name)
   * @param unreachable whether the whole rule can never match
   * @param why which earlier rule shadows it
   */
  record Shadowed(String rule, boolean unreachable, String why) {}

  private RouteMatches() {}

  static List<Shadowed> analyse(IstioConfigFacts vs) {
    List<Shadowed> out = new ArrayList<>();
    for (String section : VirtualServices.SECTIONS) {
      JsonNode rules = vs.spec().path(section);
      List<JsonNode> seen = new ArrayList<>();
      List<String> seenIn = new ArrayList<>();
      String catchAll = null;
      for (int i = 0; i < rules.size(); i++) {
        String label = label(section, i, rules.get(i));
        List<JsonNode> matches = matches(rules.get(i));
        if (catchAll != null) {
          out.add(new Shadowed(label, true, catchAll + " matches every request before it"));
          continue;
        }
        if (matches.isEmpty() || matches.stream().anyMatch(JsonNode::isEmpty)) {
          catchAll = label;
          continue;
        }
        List<String> repeats = new ArrayList<>();
        for (JsonNode m : matches) {
          int at = seen.indexOf(m);
          repeats.add(at < 0 ? null : seenIn.get(at));
        }
        if (repeats.stream().allMatch(r -> r != null)) {
          out.add(new Shadowed(label, true, "every match repeats one of " + joined(repeats)));
        } else {
          for (int k = 0; k < repeats.size(); k++) {
            if (repeats.get(k) != null) {
              out.add(
                  new Shadowed(
                      label, false, "match " + k + " repeats a match of " + repeats.get(k)));
            }
          }
        }
        for (JsonNode m : matches) {
          seen.add(m);
          seenIn.add(label);
        }
      }
    }
    return out;
  }

  private static String joined(List<String> rules) {
    return String.join(",", rules.stream().distinct().toList());
  }

  private static String label(String section, int i, JsonNode rule) {
    String name = Specs.text(rule, "name");
    return name != null ? section + "[" + name + "]" : section + "[" + i + "]";
  }

  private static List<JsonNode> matches(JsonNode rule) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode m : rule.path("match")) {
      JsonNode copy = m.deepCopy();
      if (copy instanceof ObjectNode o) {
        o.remove("name");
      }
      out.add(copy);
    }
    return out;
  }
}
