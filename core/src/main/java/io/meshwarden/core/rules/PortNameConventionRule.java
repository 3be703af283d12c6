package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.IstioVersion;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MW0100 (IST0118): a Service port from which Istio cannot tell a protocol, so it sniffs or treats
 * the traffic as opaque TCP. As istioctl, one result per such port, the protocol read as Istio
 * reads it:
 *
 * <ul>
 *   <li>{@code protocol: UDP} is always known;
 *   <li>the {@code appProtocol}, when set, is read instead of the name (an unknown appProtocol is
 *       reported like an unknown name); {@code kubernetes.io/h2c} is known, and from 1.24 {@code
 *       kubernetes.io/ws} and {@code kubernetes.io/wss};
 *   <li>otherwise the text before the first dash ({@code grpc-web} as a whole), compared without
 *       case, must be one of {@link #PROTOCOLS};
 *   <li>an unknown name on port 25, 53, 3306 or 27017 counts as TCP.
 * </ul>
 *
 * Skipped as istioctl skips them: Services of the control plane (a label {@code istio}, or {@code
 * release=istio}), Services of gateways Istio deploys ({@code gateway.istio.io/managed} = {@code
 * istio.io-gateway-controller} or {@code istio.io-mesh-controller}, from 1.27 also {@code
 * istio.io-eastwest-controller}), ExternalName Services (istioctl reports IST0150 there instead)
 * and the namespaces istioctl never loads.
 */
public final class PortNameConventionRule implements MeshRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0100", Severity.INFO, "IST0118", "Service port name lacks a protocol");

  /** The protocol prefixes Istio recognises in port names (compared without case). */
  static final Set<String> PROTOCOLS =
      Set.of(
          "grpc",
          "grpc-web",
          "http",
          "http2",
          "http_proxy",
          "https",
          "mongo",
          "mysql",
          "redis",
          "tcp",
          "tls",
          "udp");

  private static final Set<Integer> WELL_KNOWN_TCP = Set.of(25, 53, 3306, 27017);

  private final IstioVersion fixedVersion;

  public PortNameConventionRule() {
    this(null);
  }

  /** A rule that applies {@code version}'s semantics whatever the mesh runs (for tests). */
  PortNameConventionRule(IstioVersion version) {
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
      if (skipped(s, version)) {
        continue;
      }
      for (ServiceFacts.ServicePort p : s.ports()) {
        if (!known(p, version)) {
          out.add(result(s, p));
        }
      }
    }
    return out;
  }

  private static boolean skipped(ServiceFacts s, IstioVersion version) {
    Map<String, String> labels = s.meta().labels();
    String managed = labels.getOrDefault("gateway.istio.io/managed", "");
    return IstioKeys.EXCLUDED_NAMESPACES.contains(s.meta().namespace())
        || labels.containsKey("istio")
        || "istio".equals(labels.get("release"))
        || managed.equals("istio.io-gateway-controller")
        || managed.equals("istio.io-mesh-controller")
        || (version.atLeast(1, 27) && managed.equals("istio.io-eastwest-controller"))
        || "ExternalName".equals(s.type());
  }

  /** Whether Istio derives a protocol for the port (its {@code ConvertProtocol}). */
  static boolean known(ServiceFacts.ServicePort p, IstioVersion version) {
    if ("UDP".equals(p.protocol())) {
      return true;
    }
    String name = p.name() == null ? "" : p.name();
    if (p.appProtocol() != null) {
      name = p.appProtocol();
      if (name.equals("kubernetes.io/h2c")
          || (version.atLeast(1, 24)
              && (name.equals("kubernetes.io/ws") || name.equals("kubernetes.io/wss")))) {
        return true;
      }
    }
    return conventional(name) || WELL_KNOWN_TCP.contains(p.port());
  }

  /** Whether a port name is {@code <protocol>} or {@code <protocol>-<suffix>}. */
  static boolean conventional(String name) {
    if (name == null) {
      return false;
    }
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith("grpc-web")) {
      return true;
    }
    int dash = n.indexOf('-');
    return PROTOCOLS.contains(dash < 0 ? n : n.substring(0, dash));
  }

  private static RuleResult result(ServiceFacts s, ServiceFacts.ServicePort p) {
    String name = p.name() == null ? "" : p.name();
    String target = p.targetPort() == null ? "0" : p.targetPort();
    Map<String, String> details = new HashMap<>();
    details.put("port", Integer.toString(p.port()));
    details.put("name", name);
    details.put("targetPort", target);
    return RuleResult.of(
        INFO,
        Services.ref(s),
        String.format(
            "%s: port name %s (port: %d, targetPort: %s) does not follow Istio's port naming"
                + " convention; name it <protocol>[-suffix] (e.g. http-web) or set appProtocol",
            Subjects.describe(Services.ref(s)), name, p.port(), target),
        details);
  }
}
