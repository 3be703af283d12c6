package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioVersion;
import io.meshwarden.core.model.MeshIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0131 (IST0174): a DestinationRule's host is found neither as a Service nor as a ServiceEntry
 * host the way istioctl's subset analyzer looks it up ({@link IstioServiceEntryHosts}), so its
 * policy applies to nothing. istioctl runs that analyzer from 1.27; for earlier releases the rule
 * reports nothing. As istioctl, every DestinationRule is judged, {@code host: "*"} included, and
 * also when the input holds no Service at all.
 */
public final class DestinationRuleUnknownHostRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0131", Severity.WARNING, "IST0174", "DestinationRule host unknown");

  private final IstioVersion fixedVersion;

  public DestinationRuleUnknownHostRule() {
    this(null);
  }

  /** A rule that applies {@code version}'s semantics whatever the mesh runs (for tests). */
  DestinationRuleUnknownHostRule(IstioVersion version) {
    this.fixedVersion = version;
  }

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    IstioVersion version = fixedVersion != null ? fixedVersion : AnalyzerVersion.of(index.mesh());
    List<RuleResult> out = new ArrayList<>();
    if (!DestinationRuleSubsetNoPodsRule.analyzerRuns(version)) {
      return out;
    }
    IstioServiceEntryHosts hosts = IstioServiceEntryHosts.of(index);
    for (IstioConfigFacts dr : index.configs(FactKind.DestinationRule)) {
      String host = dr.spec().path("host").asText("");
      if (hosts.find(dr, host) != null) {
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
