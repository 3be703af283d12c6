package io.meshwarden.common.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IstioConfigProjectionTest {

  private static final String FILE = "istio-networking.yaml";

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "VirtualService,  web,            networking.istio.io/v1,       shop/VirtualService/web,                 /hosts/1,                    shop.example.com",
    "DestinationRule, web,            networking.istio.io/v1beta1,  shop/DestinationRule/web,                /subsets/0/labels/version,   2.1",
    "Gateway,         shop-gateway,   networking.istio.io/v1,       Gateway/istio-ingress/shop-gateway,      /servers/0/tls/credentialName, shop-gateway-cert",
    "ServiceEntry,    payments-psp,   networking.istio.io/v1alpha3, ServiceEntry/payments/payments-psp,      /ports/0/protocol,           TLS",
    "WorkloadEntry,   legacy-vm-1,    networking.istio.io/v1,       payments/WorkloadEntry/legacy-vm-1,      /labels/app,                 legacy-ledger",
    "WorkloadGroup,   legacy-ledger,  networking.istio.io/v1,       payments/WorkloadGroup/legacy-ledger,    /template/ports/grpc,        50051",
    "Sidecar,         default,        networking.istio.io/v1beta1,  shop/Sidecar/default,                    /outboundTrafficPolicy/mode, REGISTRY_ONLY",
    "ProxyConfig,     distroless-proxies, networking.istio.io/v1beta1, ProxyConfig/shop/distroless-proxies, /image/imageType,       distroless"
  })
  void projectsEachIstioNetworkingKindWithItsServedVersionAndSpec(
      String kind, String name, String apiVersion, String key, String pointer, String value) {
    IstioConfigFacts facts =
        (IstioConfigFacts) Fixtures.projectOne(Fixtures.object(FILE, kind, name));

    assertThat(facts.kind()).isEqualTo(FactKind.valueOf(kind));
    assertThat(facts.apiVersion()).isEqualTo(apiVersion);
    assertThat(facts.key()).isEqualTo(key);
    assertThat(facts.spec().at(pointer).asText()).isEqualTo(value);
  }

  @Test
  void keepsItsOwnCopyOfTheSpec() {
    ObjectNode source = (ObjectNode) Fixtures.object(FILE, "VirtualService", "web");
    IstioConfigFacts facts = (IstioConfigFacts) Fixtures.projectOne(source);

    ((ObjectNode) source.get("spec")).putArray("hosts").add("changed.example.com");

    assertThat(facts.spec().at("/hosts/0").asText()).isEqualTo("web.shop.svc.cluster.local");
  }

  @Test
  void projectsAResourceWithoutASpecAsAnEmptySpec() {
    JsonNode sidecar =
        Fixtures.yaml(
            """
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: empty, namespace: shop}
            """);

    IstioConfigFacts facts = (IstioConfigFacts) Fixtures.projectOne(sidecar);

    assertThat(facts.spec().isObject()).isTrue();
    assertThat(facts.spec().isEmpty()).isTrue();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "gateway.networking.k8s.io/v1,    Gateway",
    "gateway.networking.k8s.io/v1,    HTTPRoute",
    "security.istio.io/v1,            AuthorizationPolicy",
    "networking.istio.io/v1alpha3,    EnvoyFilter",
    "networking.istio.io.example.com/v1, VirtualService"
  })
  void skipsKindsThatOnlyLookLikeIstioNetworking(String apiVersion, String kind) {
    JsonNode object =
        Fixtures.yaml(
            """
            apiVersion: %s
            kind: %s
            metadata: {name: shop, namespace: istio-ingress}
            spec: {gatewayClassName: istio}
            """
                .formatted(apiVersion, kind));

    Projection p = Fixtures.projector().project(object);

    assertThat(p).isInstanceOf(Projection.Skipped.class);
    assertThat(p.facts()).isEmpty();
  }
}
