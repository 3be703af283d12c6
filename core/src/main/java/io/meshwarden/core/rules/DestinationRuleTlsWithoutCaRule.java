package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MW0132 (IST0128 for the top-level traffic policy, IST0129 for each of its port-level settings):
 * TLS origination ({@code SIMPLE} or {@code MUTUAL}) without {@code caCertificates}, so the
 * server's certificate is not verified. As istioctl, a {@code credentialName} excuses it only on a
 * DestinationRule with a {@code workloadSelector} (a gateway reads the CA from the Secret there);
 * subsets' traffic policies are not checked, and {@code insecureSkipVerify} changes nothing.
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
      boolean selector = dr.spec().path("workloadSelector").isObject();
      JsonNode policy = dr.spec().path("trafficPolicy");
      if (unverified(policy.path("tls"), selector)) {
        out.add(result(dr, INFO.istioCode(), mode(policy.path("tls")), null));
      }
      Set<String> ports = new LinkedHashSet<>();
      for (JsonNode port : policy.path("portLevelSettings")) {
        String number = port.path("port").path("number").asText("0");
        if (unverified(port.path("tls"), selector) && ports.add(mode(port.path("tls")) + number)) {
          out.add(result(dr, PORT_LEVEL, mode(port.path("tls")), number));
        }
      }
    }
    return out;
  }

  private static String mode(JsonNode tls) {
    return tls.path("mode").asText("");
  }

  static boolean unverified(JsonNode tls, boolean workloadSelector) {
    String mode = mode(tls);
    return (mode.equals("SIMPLE") || mode.equals("MUTUAL"))
        && Specs.text(tls, "caCertificates") == null
        && !(Specs.text(tls, "credentialName") != null && workloadSelector);
  }

  private static RuleResult result(
      IstioConfigFacts dr, String istioCode, String mode, String port) {
    String where = port == null ? "trafficPolicy" : "trafficPolicy port " + port;
    return new RuleResult(
        INFO.code(),
        istioCode,
        INFO.severity(),
        Specs.ref(dr),
        String.format(
            "%s: %s originates TLS (%s) to %s without caCertificates, so the server is not"
                + " verified; set caCertificates",
            Subjects.describe(Specs.ref(dr)), where, mode, dr.spec().path("host").asText("")),
        port == null
            ? Map.of("at", where, "mode", mode)
            : Map.of("at", where, "mode", mode, "port", port));
  }
}
