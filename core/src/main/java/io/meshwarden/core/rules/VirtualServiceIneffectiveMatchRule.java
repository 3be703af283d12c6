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
 * MW0127 (IST0131): a match of a VirtualService rule repeats a match of an earlier rule, so it
 * never takes effect (the rule still matches through its other matches).
 */
public final class VirtualServiceIneffectiveMatchRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0127", Severity.INFO, "IST0131", "VirtualService match repeats an earlier one");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts vs : namespace.istioConfig(FactKind.VirtualService)) {
      List<RouteMatches.Shadowed> hits =
          RouteMatches.analyse(vs).stream().filter(s -> !s.unreachable()).toList();
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
                  "%s: %s (%s); remove the repeated match",
                  Subjects.describe(Specs.ref(vs)), rules, why),
              Map.of("rules", rules, "reason", why)));
    }
    return out;
  }
}
