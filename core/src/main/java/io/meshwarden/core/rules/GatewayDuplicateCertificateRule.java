package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * MW0113 (IST0138): one certificate is served by several Gateways on the same gateway workload;
 * HTTP/2 clients reuse a connection across the hosts of one certificate and get 404s. As istioctl
 * (every release 1.22–1.28), a Gateway is compared with every other Gateway of any namespace whose
 * selector contains all of its own selector's pairs (an empty selector contains in every one), so
 * the check is one-sided: a Gateway with the wider selector is reported, the narrower one is not.
 * Two TLS servers share a certificate when both name the same {@code credentialName}, or neither
 * names one and both give the same {@code serverCertificate} and {@code privateKey}. One result per
 * (Gateway, other Gateway) pair, however many servers share the certificate.
 */
public final class GatewayDuplicateCertificateRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0113", Severity.WARNING, "IST0138", "One certificate on several gateways");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<IstioConfigFacts> gws =
        index.configs(FactKind.Gateway).stream()
            .sorted(Comparator.comparing(g -> name(g)))
            .toList();
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts gw : gws) {
      Map<String, String> selector = GatewayServers.selector(gw);
      for (IstioConfigFacts other : gws) {
        if (other == gw || !contains(GatewayServers.selector(other), selector)) {
          continue;
        }
        String certificate = sharedCertificate(gw, other);
        if (certificate == null) {
          continue;
        }
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(gw),
                String.format(
                    "%s: certificate %s is also served by Gateway %s on the same gateway workload;"
                        + " HTTP/2 clients that reuse a connection across their hosts may get 404s;"
                        + " serve those hosts from one Gateway server",
                    Subjects.describe(Specs.ref(gw)), certificate, name(other)),
                Map.of("certificate", certificate, "alsoUsedBy", name(other))));
      }
    }
    return out;
  }

  private static String name(IstioConfigFacts gw) {
    return gw.meta().namespace() + "/" + gw.meta().name();
  }

  /** Whether {@code wider} holds every pair of {@code narrower}. */
  private static boolean contains(Map<String, String> wider, Map<String, String> narrower) {
    return wider.entrySet().containsAll(narrower.entrySet());
  }

  /** The first certificate a TLS server of {@code a} shares with one of {@code b}, or null. */
  private static String sharedCertificate(IstioConfigFacts a, IstioConfigFacts b) {
    for (JsonNode sa : a.spec().path("servers")) {
      for (JsonNode sb : b.spec().path("servers")) {
        JsonNode ta = sa.get("tls");
        JsonNode tb = sb.get("tls");
        if (ta != null && !ta.isNull() && tb != null && !tb.isNull() && sameCertificate(ta, tb)) {
          String credential = ta.path("credentialName").asText("");
          return credential.isEmpty() ? ta.path("serverCertificate").asText() : credential;
        }
      }
    }
    return null;
  }

  private static boolean sameCertificate(JsonNode a, JsonNode b) {
    String credA = a.path("credentialName").asText("");
    String credB = b.path("credentialName").asText("");
    if (!credA.isEmpty() && !credB.isEmpty()) {
      return credA.equals(credB);
    }
    if (!credA.isEmpty() || !credB.isEmpty()) {
      return false;
    }
    String certA = a.path("serverCertificate").asText("");
    String keyA = a.path("privateKey").asText("");
    return !certA.isEmpty()
        && certA.equals(b.path("serverCertificate").asText(""))
        && !keyA.isEmpty()
        && keyA.equals(b.path("privateKey").asText(""));
  }
}
