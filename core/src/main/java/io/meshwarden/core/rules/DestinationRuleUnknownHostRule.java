package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0131 (IST0174): a DestinationRule's host matches no Service or ServiceEntry visible from its
 * namespace, so its policy applies to nothing. Silent for {@code *} and when the input holds no
 * Services or ServiceEntries.
 */
public final class DestinationRuleUnknownHostRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0131", Severity.WARNING, "IST0174", "DestinationRule host unknown");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<RuleResult> out = new ArrayList<>();
    if (index.hosts().isEmpty()) {
      return out;
    }
    for (IstioConfigFacts dr : index.configs(FactKind.DestinationRule)) {
      String host = dr.spec().path("host").asText("");
      if (host.isEmpty()
          || host.equals("*")
          || !index.hosts().resolve(host, dr.meta().namespace()).isEmpty()) {
        continue;
      }
      out.add(
          RuleResult.of(
              INFO,
              Specs.ref(dr),
              String.format(
                  "%s: host %s matches no Service or ServiceEntry visible from %s; fix the host",
                  Subjects.describe(Specs.ref(dr)), host, dr.meta().namespace()),
              Map.of("host", host)));
    }
    return out;
  }
}
