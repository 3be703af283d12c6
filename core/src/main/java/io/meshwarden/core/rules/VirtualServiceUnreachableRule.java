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
 * MW0126 (IST0130): a VirtualService rule is never used. As istioctl, one result per message
 * Istio's VirtualService validation gives, on the VirtualService, with istioctl's text after the
 * subject: a rule whose matches all repeat earlier ones, a second rule without matches, and from
 * 1.27 a rule after a rule without matches ({@link RouteMatches}).
 */
public final class VirtualServiceUnreachableRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0126", Severity.WARNING, "IST0130", "VirtualService rule never matches");

  private final IstioVersion fixedVersion;

  public VirtualServiceUnreachableRule() {
    this(null);
  }

  /** A rule that applies {@code version}'s semantics whatever the mesh runs (for tests). */
  VirtualServiceUnreachableRule(IstioVersion version) {
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
        if (v instanceof RouteMatches.Unreachable u) {
          out.add(
              RuleResult.of(
                  INFO,
                  Specs.ref(vs),
                  Subjects.describe(Specs.ref(vs)) + ": " + u.text(),
                  Map.of("rule", u.rule(), "reason", u.reason())));
        }
      }
    }
    return out;
  }
}
