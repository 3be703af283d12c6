package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioVersion;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0127 (IST0131): a match of a VirtualService rule is never used, because an earlier match equals
 * it or, for HTTP prefix matches, covers it. As istioctl, one result per match and earlier match,
 * on the VirtualService, with istioctl's text after the subject ({@link RouteMatches}).
 */
public final class VirtualServiceIneffectiveMatchRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0127", Severity.INFO, "IST0131", "VirtualService match never used");

  private final IstioVersion fixedVersion;

  public VirtualServiceIneffectiveMatchRule() {
    this(null);
  }

  /** A rule that applies {@code version}'s semantics whatever the mesh runs (for tests). */
  VirtualServiceIneffectiveMatchRule(IstioVersion version) {
    this.fixedVersion = version;
  }

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    IstioVersion version = fixedVersion != null ? fixedVersion : AnalyzerVersion.of(mesh);
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts vs : namespace.istioConfig(FactKind.VirtualService)) {
      for (RouteMatches.Verdict v : RouteMatches.analyse(vs, version)) {
        if (v instanceof RouteMatches.Ineffective i) {
          out.add(
              RuleResult.of(
                  INFO,
                  Specs.ref(vs),
                  Subjects.describe(Specs.ref(vs)) + ": " + i.text(),
                  Map.of(
                      "rule", i.rule(),
                      "match", i.match(),
                      "duplicateOf", i.duplicateOf())));
        }
      }
    }
    return out;
  }
}
