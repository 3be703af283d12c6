package io.meshwarden.common.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.PeerAuthenticationFacts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeerAuthenticationProjectionTest {

  private static final String FILE = "istio-security.yaml";

  private static PeerAuthenticationFacts project(String namespace, String name) {
    JsonNode object =
        Fixtures.objects(FILE).stream()
            .filter(o -> namespace.equals(o.path("metadata").path("namespace").asText()))
            .filter(o -> name.equals(o.path("metadata").path("name").asText()))
            .findFirst()
            .orElseThrow();
    return (PeerAuthenticationFacts) Fixtures.projectOne(object);
  }

  @ParameterizedTest(name = "{0}/{1}")
  @CsvSource({
    "istio-system, default, security.istio.io/v1,      STRICT,     true,  PeerAuthentication/istio-system/default",
    "legacy,       default, security.istio.io/v1,      PERMISSIVE, true,  PeerAuthentication/legacy/default",
    "payments,     ledger,  security.istio.io/v1beta1, STRICT,     false, PeerAuthentication/payments/ledger",
    "shop,         inherit, security.istio.io/v1,      UNSET,      true,  PeerAuthentication/shop/inherit"
  })
  void projectsTheModeAndScopeOfEachPeerAuthenticationToTheMeshTopic(
      String namespace,
      String name,
      String apiVersion,
      String mode,
      boolean namespaceWide,
      String key) {
    PeerAuthenticationFacts facts = project(namespace, name);

    assertThat(facts.kind()).isEqualTo(FactKind.PeerAuthentication);
    assertThat(facts.kind().topic()).isEqualTo(FactKind.Topic.MESH);
    assertThat(facts.apiVersion()).isEqualTo(apiVersion);
    assertThat(facts.mode()).isEqualTo(mode);
    assertThat(facts.namespaceWide()).isEqualTo(namespaceWide);
    assertThat(facts.key()).isEqualTo(key);
  }

  @Test
  void keepsTheWorkloadSelectorAndThePortLevelModes() {
    PeerAuthenticationFacts facts = project("payments", "ledger");

    assertThat(facts.selector()).isEqualTo(Map.of("app", "ledger"));
    assertThat(facts.portLevelMtls()).isEqualTo(Map.of("8080", "PERMISSIVE", "9090", "DISABLE"));
  }

  @Test
  void keepsEveryLabelAndTheMetadataOfAMeshWidePolicy() {
    PeerAuthenticationFacts mesh = project("istio-system", "default");
    PeerAuthenticationFacts legacy = project("legacy", "default");

    assertThat(mesh.meta().uid()).isEqualTo("6c1d0c55-0000-4000-8000-000000000001");
    assertThat(mesh.meta().resourceVersion()).isEqualTo("801");
    assertThat(mesh.selector()).isEmpty();
    assertThat(mesh.portLevelMtls()).isEmpty();
    assertThat(legacy.meta().labels()).isEqualTo(Map.of("team", "payments", "owner", "someone"));
  }

  @Test
  void anEmptySelectorIsNamespaceWideAsIstioTreatsIt() {
    JsonNode object =
        Fixtures.yaml(
            """
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: all, namespace: shop}
            spec: {selector: {matchLabels: {}}, mtls: {mode: DISABLE}}
            """);

    PeerAuthenticationFacts facts = (PeerAuthenticationFacts) Fixtures.projectOne(object);

    assertThat(facts.namespaceWide()).isTrue();
    assertThat(facts.mode()).isEqualTo(PeerAuthenticationFacts.DISABLE);
  }

  @Test
  void aPolicyWithoutANamespaceLandsInTheDefaultNamespace() {
    JsonNode object =
        Fixtures.yaml(
            """
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: strict}
            spec: {mtls: {mode: STRICT}}
            """);

    assertThat(Fixtures.projectOne(object).key()).isEqualTo("PeerAuthentication/default/strict");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "spec: {mtls: STRICT}                                | spec.mtls",
        "spec: {selector: [app]}                             | spec.selector",
        "spec: {portLevelMtls: {'8080': STRICT}}             | spec.portLevelMtls.8080"
      })
  void namesTheFieldOfAMalformedPolicy(String spec, String field) {
    JsonNode object =
        Fixtures.yaml(
            """
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: bad, namespace: shop}
            %s
            """
                .formatted(spec));

    Projection p = Fixtures.projector().project(object);

    assertThat(p).isInstanceOf(Projection.Invalid.class);
    assertThat(((Projection.Invalid) p).field()).isEqualTo(field);
  }

  @Test
  void skipsAPeerAuthenticationOfAnotherGroup() {
    JsonNode object =
        Fixtures.yaml(
            """
            apiVersion: security.example.com/v1
            kind: PeerAuthentication
            metadata: {name: other, namespace: shop}
            spec: {mtls: {mode: STRICT}}
            """);

    assertThat(Fixtures.projector().project(object)).isInstanceOf(Projection.Skipped.class);
  }
}
