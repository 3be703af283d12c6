package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * MW0126 (IST0130): a VirtualService rule can never match, because an earlier rule matches every
 * request or already has each of its matches. One result per rule.
 */
public final class VirtualServiceUnreachableRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0126", Severity.WARNING, "IST0130", "VirtualService rule never matches");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts vs : namespace.istioConfig(FactKind.VirtualService)) {
      List<RouteMatches.Shadowed> hits =
          RouteMatches.analyse(vs).stream().filter(s -> s.unreachable()).toList();
      if (hits.isEmpty()) {
        continue;
      }
      String rules =
          hits.stream()
              .map(RouteMatches.Shadowed::rule)
              .distinct()
              .collect(Collectors.joining(","));
      String why =
          hits.stream().map(s -> s.rule() + ": " + s.why()).collect(Collectors.joining("; "));
      out.add(
          RuleResult.of(
              INFO,
              Specs.ref(vs),
              String.format(
                  "%s: rule %s never matches (%s); reorder the rules or remove it",
                  Subjects.describe(Specs.ref(vs)), rules, why),
              Map.of("rules", rules, "reason", why)));
    }
    return out;
  }
}
