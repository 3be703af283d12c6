package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.IstioVersion;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MW0104 (IST0150): a port of an ExternalName Service whose protocol Istio cannot tell, or that is
 * named exactly {@code tcp}: the proxy may fail to forward its TCP traffic. istioctl's port-name
 * analyzer ({@code analyzers/service/portname.go}) reproduced: one result per such port (istioctl
 * on files tells them apart by line), protocol as {@link IstioPortProtocol} reads it. Skipped as
 * istioctl skips them: Services labelled {@code istio} (any value) or {@code release=istio}, and
 * those whose {@code gateway.istio.io/managed} label names Istio's gateway or mesh controller (from
 * 1.27 also its east-west controller). istioctl gives an ExternalName Service this code instead of
 * IST0118.
 */
public final class ExternalNamePortNameRule implements MeshRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0104",
          Severity.WARNING,
          "IST0150",
          "ExternalName Service port Istio cannot forward reliably");

  private static final String EXTERNAL_NAME = "ExternalName";
  private static final Set<String> MANAGED_BY_ISTIO =
      Set.of("istio.io-gateway-controller", "istio.io-mesh-controller");
  private static final String EAST_WEST_CONTROLLER = "istio.io-eastwest-controller";

  private final IstioVersion fixedVersion;

  public ExternalNamePortNameRule() {
    this(null);
  }

  /** A rule that applies {@code version}'s semantics whatever the mesh runs (for tests). */
  ExternalNamePortNameRule(IstioVersion version) {
    this.fixedVersion = version;
  }

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    IstioVersion version = fixedVersion != null ? fixedVersion : AnalyzerVersion.of(mesh);
    List<RuleResult> out = new ArrayList<>();
    for (ServiceFacts s : mesh.services()) {
      if (!EXTERNAL_NAME.equals(s.type()) || skipped(s, version)) {
        continue;
      }
      for (ServiceFacts.ServicePort p : s.ports()) {
        if (IstioPortProtocol.known(p, version) && !"tcp".equals(p.name())) {
          continue;
        }
        String port = p.name() == null || p.name().isEmpty() ? "" : p.name();
        out.add(
            RuleResult.of(
                INFO,
                Services.ref(s),
                Subjects.describe(Services.ref(s))
                    + ": port "
                    + (port.isEmpty() ? Integer.toString(p.port()) : port + " (" + p.port() + ")")
                    + ": Port name for ExternalName service is invalid. Proxy may prevent tcp named"
                    + " ports and unmatched traffic for ports serving TCP protocol from being"
                    + " forwarded correctly",
                Map.of("port", Integer.toString(p.port()), "portName", port)));
      }
    }
    return out;
  }

  private static boolean skipped(ServiceFacts s, IstioVersion version) {
    if (IstioKeys.EXCLUDED_NAMESPACES.contains(s.meta().namespace())) {
      // istioctl never loads these namespaces.
      return true;
    }
    Map<String, String> labels = s.meta().labels();
    if (labels.containsKey("istio") || "istio".equals(labels.get("release"))) {
      return true;
    }
    String managed = labels.getOrDefault(IstioKeys.GATEWAY_MANAGED, "");
    return MANAGED_BY_ISTIO.contains(managed)
        || (version.atLeast(1, 27) && EAST_WEST_CONTROLLER.equals(managed));
  }
}
