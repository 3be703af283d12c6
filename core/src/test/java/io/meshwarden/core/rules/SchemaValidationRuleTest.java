package io.meshwarden.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.projection.KubernetesYaml;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.core.model.ClusterView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MW0035 gives Istio's own error texts (pkg/config/validation, Istio 1.22–1.28), one result per
 * error, over the objects of its rule fixture.
 */
class SchemaValidationRuleTest {

  private static final Instant NOW = Instant.parse("2026-11-24T14:00:00Z");

  private static List<String> errors() throws Exception {
    FactProjector projector =
        new FactProjector("test", MeshKeys.standard(), Clock.fixed(NOW, ZoneOffset.UTC));
    List<ObjectFacts> facts = new ArrayList<>();
    Path file =
        Path.of(SchemaValidationRuleTest.class.getResource("/meshrules/MW0035.yaml").toURI());
    for (JsonNode object : KubernetesYaml.read(file)) {
      facts.addAll(projector.project(object).facts());
    }
    return new RuleEngine(List.of(new SchemaValidationRule()))
        .evaluate(ClusterView.of("test", NOW, facts)).stream()
            .map(
                r ->
                    r.subject().kind() + " " + r.subject().name() + ": " + r.details().get("error"))
            .toList();
  }

  @Test
  void reportsIstiosErrorTextsOnePerError() throws Exception {
    assertThat(errors())
        .containsExactlyInAnyOrder(
            "DestinationRule no-host: empty domain name not allowed",
            "DestinationRule bad-subsets: duplicate subset names: v1",
            "DestinationRule bad-subsets: subset name is invalid: V_2",
            "DestinationRule bad-subsets: invalid tag key: \"bad key!\"",
            "DestinationRule bad-subsets: invalid tag value: \"-v3\"",
            "DestinationRule bad-host: domain name \"shop.*\" invalid (label \"*\" invalid)",
            "DestinationRule selector-export: destination rule with workload selector cannot"
                + " have exportTo beyond current namespace",
            "ServiceEntry no-hosts: service entry must have at least one host",
            "ServiceEntry bad-ports: service entry port name \"https\" already defined",
            "ServiceEntry bad-ports: service entry port 443 already defined",
            "ServiceEntry bad-ports: port number 70000 must be in the range 1..65535",
            "ServiceEntry bad-ports: unsupported protocol: SPDY",
            "ServiceEntry tcp-hosts: multiple hosts provided with non-HTTP, non-TLS ports",
            "ServiceEntry none-endpoints: no endpoints should be provided for resolution type none",
            "ServiceEntry export: cannot have both public (*) and non-public exportTo values for"
                + " a resource",
            "Gateway no-servers: gateway must have at least one server",
            "Gateway bad-servers: short names (non FQDN) are not allowed",
            "Gateway bad-servers: server must have TLS settings for HTTPS/TLS protocols",
            "Gateway bad-servers: partial wildcard \"*-api.example.com\" not allowed",
            "Gateway bad-servers: port names in servers must be unique: duplicate name https",
            "Gateway bad-servers: invalid namespace value \"~\" in gateway",
            "Gateway bad-servers: server cannot have TLS settings for non HTTPS/TLS ports",
            "Gateway bad-servers: port is required",
            "VirtualService vs-delegate: delegate virtual service must have no gateways specified",
            "VirtualService vs-delegate: delegate virtual service must have no tcp route specified",
            "VirtualService vs-delegate: delegate HTTP route cannot contain delegate",
            "VirtualService vs-delegate: HTTP route, redirect or direct_response is required",
            "VirtualService vs-star: wildcard host * is not allowed for virtual services bound to"
                + " the mesh gateway",
            "VirtualService vs-dups: duplicate hosts in virtual service: *.example.com &"
                + " api.example.com",
            "VirtualService vs-gateways: invalid value for gateway name: \"Bad_GW\"",
            "VirtualService vs-gateways: config namespace and gateway name cannot be empty",
            "VirtualService vs-gateways: invalid value for namespace: \"\"",
            "VirtualService vs-http: HTTP route cannot contain both route and redirect",
            "VirtualService vs-http: HTTP route cannot contain both fault and redirect",
            "VirtualService vs-http: 200 is not a valid redirect code, must be 3xx",
            "VirtualService vs-http: HTTP route rule cannot contain both rewrite and"
                + " direct_response",
            "VirtualService vs-http: subset name is invalid: V_1",
            "VirtualService vs-http: port number 0 must be in the range 1..65535",
            "VirtualService vs-http: invalid destination host *",
            "VirtualService vs-http: total destination weight = 0",
            "VirtualService vs-http: port number 70000 must be in the range 1..65535",
            "VirtualService vs-http: sourceNamespace match Bad_NS is invalid",
            "VirtualService vs-http: invalid tag key: \"bad key!\"",
            "VirtualService vs-http: rewrite must specify at least one of URI, UriRegexRewrite, or"
                + " authority. Only one of URI or UriRegexRewrite may be specified",
            "VirtualService vs-http: HTTP route cannot contain both mirror and mirrors",
            "VirtualService vs-http: destination is required for mirrors",
            "VirtualService vs-http: destination is required",
            "VirtualService vs-http: weight -1 < 0",
            "VirtualService vs-http: root HTTP route root must not specify redirect",
            "VirtualService vs-empty: http, tcp or tls must be provided in virtual service",
            "VirtualService vs-tls: SNI host \"api.other.com\" is not a compatible subset of any"
                + " of the virtual service hosts: [*.example.com]",
            "VirtualService vs-tls: TLS match must have at least one SNI host",
            "VirtualService vs-tls: TLS route must have at least one match condition",
            "VirtualService vs-tls: TLS route is required",
            "VirtualService vs-tcp: invalid tag value: \"-x\"",
            "VirtualService vs-tcp: TCP route is required",
            "VirtualService vs-tcp: exportTo ~ (none) is not allowed for Istio configuration"
                + " objects",
            "Sidecar sc-empty: sidecar: empty configuration provided",
            "Sidecar sc-ingress: targetPort has no impact on Sidecars",
            "Sidecar sc-ingress: invalid port name: Web_Port",
            "Sidecar sc-ingress: unsupported protocol: SPDY",
            "Sidecar sc-ingress: not-an-ip is not a valid IP",
            "Sidecar sc-ingress: sidecar: ports on IP bound listeners must be unique",
            "Sidecar sc-ingress: sidecar: subjectAltNames is not supported in ingress tls",
            "Sidecar sc-ingress: sidecar: httpsRedirect is not supported",
            "Sidecar sc-ingress: sidecar: credentialName is not currently supported",
            "Sidecar sc-ingress: configuration is invalid: cannot set mode to ISTIO_MUTUAL in"
                + " sidecar ingress tls",
            "Sidecar sc-ingress: server cannot have TLS settings for non HTTPS/TLS ports",
            "Sidecar sc-ingress: sidecar: port is required for ingress listeners",
            "Sidecar sc-ingress: port number 70000 must be in the range 1..65535",
            "Sidecar sc-egress: sidecar: the egress listener with empty port should be the last"
                + " listener in the list",
            "Sidecar sc-egress: sidecar: ports with 0 value must have a unix domain socket bind"
                + " address",
            "Sidecar sc-egress: sidecar: captureMode must be DEFAULT/NONE for unix domain socket"
                + " listeners",
            "Sidecar sc-egress: host must be of form namespace/dnsName",
            "Sidecar sc-egress: relative/sock is not an absolute path to a file",
            "Sidecar sc-egress: invalid namespace value \"Bad_NS\" in sidecar",
            "Sidecar sc-egress: partial wildcard \"*-api.example.com\" not allowed",
            "Sidecar sc-egress: sidecar: ports on IP bound listeners must be unique",
            "Sidecar sc-egress: short names (non FQDN) are not allowed",
            "Sidecar sc-egress: sidecar: egress listener must contain at least one host",
            "Sidecar sc-proxy: sidecar: egress_proxy must be set only with ALLOW_ANY"
                + " outbound_traffic_policy mode",
            "WorkloadEntry we-no-address: address is required",
            "WorkloadEntry we-unix: run/app.sock is not an absolute path to a file",
            "WorkloadEntry we-unix: unix endpoint unix://run/app.sock must not include ports",
            "WorkloadEntry we-bad: endpoint address \"vm_1.example.com\" is not a valid FQDN or"
                + " an IP address",
            "WorkloadEntry we-bad: invalid port name: Bad_Port",
            "WorkloadEntry we-bad: port number 0 must be in the range 1..65535",
            "WorkloadEntry we-bad: invalid tag key: \"bad key!\"",
            "WorkloadEntry we-bad: invalid tag value: \"-v1\"",
            "WorkloadGroup wg-no-template: template is required",
            "WorkloadGroup wg-probe: periodSeconds must be non-negative",
            "WorkloadGroup wg-probe: failureThreshold must be non-negative",
            "WorkloadGroup wg-probe: timeoutSeconds must be non-negative",
            "WorkloadGroup wg-probe: port number 0 must be in the range 1..65535",
            "WorkloadGroup wg-no-method: unknown health check method <nil>",
            "PeerAuthentication pa-ports-no-selector: mesh/namespace peer authentication cannot"
                + " have port level mTLS",
            "PeerAuthentication pa-bad-selector: empty key is not supported in selector: \"=web\"",
            "PeerAuthentication pa-bad-selector: wildcard is not supported in selector:"
                + " \"app=web*\"",
            "ProxyConfig pc-bad: wildcard is not supported in selector: \"ver*=v1\"",
            "ProxyConfig pc-bad: concurrency must be greater than or equal to 0");
  }

  @Test
  void hostMatchingIsIstios() {
    assertThat(SchemaValidationRule.hostsMatch("*.com", "*.example.com")).isTrue();
    assertThat(SchemaValidationRule.hostsMatch("api.example.com", "*.example.com")).isTrue();
    assertThat(SchemaValidationRule.hostsMatch("api.example.com", "web.example.com")).isFalse();
    assertThat(SchemaValidationRule.hostSubsetOf("*.example.com", "*.com")).isTrue();
    assertThat(SchemaValidationRule.hostSubsetOf("*.com", "*.example.com")).isFalse();
    assertThat(SchemaValidationRule.hostSubsetOf("*.example.com", "api.example.com")).isFalse();
  }

  @Test
  void wildcardHostRulesAreIstios() {
    assertThat(SchemaValidationRule.wildcardDomain("*.example.com")).isNull();
    assertThat(SchemaValidationRule.wildcardDomain("*-api.example.com")).isNull();
    assertThat(SchemaValidationRule.wildcardDomain("istio.io.")).isNull();
    assertThat(SchemaValidationRule.wildcardDomain("a.*.example.com"))
        .isEqualTo("domain name \"*.example.com\" invalid (label \"*\" invalid)");
    assertThat(SchemaValidationRule.wildcardDomain("a*.example.com"))
        .isEqualTo("domain name \"a*.example.com\" invalid (label \"a*\" invalid)");
    assertThat(SchemaValidationRule.wildcardDomain("host.123"))
        .isEqualTo("domain name \"123\" invalid (top level domain \"123\" cannot be all-numeric)");
    assertThat(SchemaValidationRule.wildcardDomain("x".repeat(256)))
        .isEqualTo("domain name \"" + "x".repeat(256) + "\" too long (max 255)");
  }
}
