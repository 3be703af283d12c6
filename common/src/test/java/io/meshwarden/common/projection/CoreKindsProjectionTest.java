package io.meshwarden.common.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.PodDisruptionBudgetFacts;
import io.meshwarden.common.protocol.SecretFacts;
import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.ServiceFacts.ServicePort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CoreKindsProjectionTest {

  @Test
  void projectsAServiceWithAppProtocolAndDefaultedPorts() {
    ServiceFacts web = (ServiceFacts) Fixtures.projectOne(Fixtures.only("service.yaml"));

    assertThat(web.key()).isEqualTo("Service/shop/web");
    assertThat(web.type()).isEqualTo("ClusterIP");
    assertThat(web.clusterIP()).isEqualTo("10.96.14.200");
    assertThat(web.selector()).isEqualTo(Map.of("app", "web"));
    assertThat(web.ports())
        .containsExactly(
            new ServicePort("web", 80, "http", "TCP", "kubernetes.io/h2c"),
            new ServicePort("grpc-admin", 9090, "9090", "TCP", null),
            new ServicePort("metrics", 9102, "9102", "TCP", null, true));
    assertThat(web.meta().labels()).isEqualTo(Map.of("app", "web", "service", "web"));
    assertThat(web.meta().annotations()).isEqualTo(Map.of("networking.istio.io/exportTo", "."));
  }

  @Test
  void projectsAnExternalNameService() {
    ServiceFacts psp =
        (ServiceFacts)
            Fixtures.projectOne(
                Fixtures.yaml(
                    """
                    apiVersion: v1
                    kind: Service
                    metadata: {name: psp, namespace: payments}
                    spec: {type: ExternalName, externalName: api.psp.example.net}
                    """));

    assertThat(psp.type()).isEqualTo("ExternalName");
    assertThat(psp.externalName()).isEqualTo("api.psp.example.net");
    assertThat(psp.ports()).isEmpty();
  }

  @Test
  void projectsOnlyTheTypeOfASecret() {
    SecretFacts cert = (SecretFacts) Fixtures.projectOne(Fixtures.only("secret.yaml"));

    assertThat(cert.type()).isEqualTo("kubernetes.io/tls");
    assertThat(cert.key()).isEqualTo("istio-ingress/Secret/shop-gateway-cert");
    assertThat(cert.meta().annotations()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "c3VwZXItc2VjcmV0LXByaXZhdGUta2V5LW1hdGVyaWFs",
        "LS0tLS1CRUdJTi",
        "plain-text-password-9931",
        "plain-text-private-key",
        "tls.key",
        "\"data\"",
        "stringData"
      })
  void neverPublishesSecretData(String leak) {
    String json = Fixtures.encoded(Fixtures.projectOne(Fixtures.only("secret.yaml")));

    assertThat(json).doesNotContain(leak);
  }

  @Test
  void projectsANamespaceAsClusterScopedWithItsPhase() {
    NamespaceFacts shop =
        (NamespaceFacts) Fixtures.projectOne(Fixtures.object("list.yaml", "Namespace", "shop"));

    assertThat(shop.key()).isEqualTo("Namespace//shop");
    assertThat(shop.meta().namespace()).isEmpty();
    assertThat(shop.phase()).isEqualTo("Active");
    assertThat(shop.meta().labels())
        .isEqualTo(
            Map.of(
                "istio.io/rev",
                "prod",
                "kubernetes.io/metadata.name",
                "shop",
                "owner-email",
                "team-shop@example.com"));
  }

  @Test
  void projectsAPodDisruptionBudget() {
    PodDisruptionBudgetFacts pdb =
        (PodDisruptionBudgetFacts)
            Fixtures.projectOne(Fixtures.object("list.yaml", "PodDisruptionBudget", "web"));

    assertThat(pdb.selector()).isEqualTo(new LabelSelector(Map.of("app", "web"), List.of()));
    assertThat(pdb.minAvailable()).isNull();
    assertThat(pdb.maxUnavailable()).isEqualTo("25%");
    assertThat(pdb.currentHealthy()).isEqualTo(3);
    assertThat(pdb.desiredHealthy()).isEqualTo(2);
    assertThat(pdb.disruptionsAllowed()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "'\"1\"', 1", "50%, 50%", "'\"0\"', 0"})
  void projectsMinAvailableAsText(String written, String expected) {
    PodDisruptionBudgetFacts pdb =
        (PodDisruptionBudgetFacts)
            Fixtures.projectOne(
                Fixtures.yaml(
                    """
                    apiVersion: policy/v1
                    kind: PodDisruptionBudget
                    metadata: {name: web, namespace: shop}
                    spec:
                      minAvailable: %s
                      selector: {matchLabels: {app: web}}
                    """
                        .formatted(written)));

    assertThat(pdb.minAvailable()).isEqualTo(expected);
  }
}
