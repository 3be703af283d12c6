package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0132 (IST0128 for the rule's traffic policy, IST0129 for a port-level one): TLS origination
 * ({@code SIMPLE} or {@code MUTUAL}) without {@code caCertificates} or {@code credentialName}, so
 * the server's certificate is never verified. {@code insecureSkipVerify: true} says it is meant.
 */
public final class DestinationRuleTlsWithoutCaRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0132", Severity.WARNING, "IST0128", "TLS origination without CA certificates");

  static final String PORT_LEVEL = "IST0129";

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts dr : namespace.istioConfig(FactKind.DestinationRule)) {
      List<String> top = new ArrayList<>();
      List<String> ports = new ArrayList<>();
      check(dr.spec().path("trafficPolicy"), "trafficPolicy", top, ports);
      for (JsonNode subset : dr.spec().path("subsets")) {
        check(subset.path("trafficPolicy"), "subset " + subset.path("name").asText(), top, ports);
      }
      if (!top.isEmpty() || !ports.isEmpty()) {
        List<String> all = new ArrayList<>(top);
        all.addAll(ports);
        out.add(result(dr, String.join(", ", all), top.isEmpty() ? PORT_LEVEL : INFO.istioCode()));
      }
    }
    return out;
  }

  private static void check(JsonNode policy, String where, List<String> top, List<String> ports) {
    if (unverified(policy.path("tls"))) {
      top.add(where);
    }
    for (JsonNode port : policy.path("portLevelSettings")) {
      if (unverified(port.path("tls"))) {
        ports.add(where + " port " + port.path("port").path("number").asText());
      }
    }
  }

  static boolean unverified(JsonNode tls) {
    String mode = tls.path("mode").asText("");
    return (mode.equals("SIMPLE") || mode.equals("MUTUAL"))
        && Specs.text(tls, "caCertificates") == null
        && Specs.text(tls, "credentialName") == null
        && !tls.path("insecureSkipVerify").asBoolean(false);
  }

  private static RuleResult result(IstioConfigFacts dr, String where, String istioCode) {
    return new RuleResult(
        INFO.code(),
        istioCode,
        INFO.severity(),
        Specs.ref(dr),
        String.format(
            "%s: %s originates TLS without caCertificates, so the server is not verified; set"
                + " caCertificates or credentialName",
            Subjects.describe(Specs.ref(dr)), where),
        Map.of("at", where));
  }
}
