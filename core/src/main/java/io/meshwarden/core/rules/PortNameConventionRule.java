package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MW0100 (IST0118): a Service port whose name is not {@code <protocol>[-<suffix>]} and that has no
 * {@code appProtocol}, so Istio cannot tell its protocol and treats it as opaque TCP. System
 * namespaces are exempt; an ExternalName Service is judged like any other when it lists ports.
 */
public final class PortNameConventionRule implements MeshRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0100", Severity.INFO, "IST0118", "Service port name lacks a protocol");

  /** The protocol prefixes Istio recognises in port names. */
  static final Set<String> PROTOCOLS =
      Set.of(
          "grpc",
          "grpc-web",
          "http",
          "http2",
          "https",
          "mongo",
          "mysql",
          "redis",
          "tcp",
          "tls",
          "udp");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    List<RuleResult> out = new ArrayList<>();
    for (ServiceFacts s : mesh.services()) {
      if (Namespaces.SYSTEM.contains(s.meta().namespace())) {
        continue;
      }
      List<String> bad = new ArrayList<>();
      for (ServiceFacts.ServicePort p : s.ports()) {
        if (p.appProtocol() == null && !conventional(p.name())) {
          bad.add(p.name() == null ? Integer.toString(p.port()) : p.name());
        }
      }
      if (!bad.isEmpty()) {
        String ports = String.join(",", bad);
        out.add(
            RuleResult.of(
                INFO,
                Services.ref(s),
                String.format(
                    "%s: port %s does not name a protocol; name it <protocol>[-suffix] (e.g."
                        + " http-web) or set appProtocol",
                    Subjects.describe(Services.ref(s)), ports),
                Map.of("ports", ports)));
      }
    }
    return out;
  }

  /** Whether a port name is {@code <protocol>} or {@code <protocol>-<suffix>}. */
  static boolean conventional(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    String n = name.toLowerCase(Locale.ROOT);
    return PROTOCOLS.stream().anyMatch(p -> n.equals(p) || n.startsWith(p + "-"));
  }
}
