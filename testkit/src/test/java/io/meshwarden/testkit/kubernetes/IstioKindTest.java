package io.meshwarden.testkit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IstioKindTest {

  @ParameterizedTest
  @EnumSource(IstioKind.class)
  void crdIsNamedPluralDotGroupAndStoresOneVersion(IstioKind kind) {
    CustomResourceDefinition crd = kind.crd();

    assertThat(crd.getMetadata().getName()).isEqualTo(kind.plural() + "." + kind.group());
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getKind()).isEqualTo(kind.kind());
    assertThat(crd.getSpec().getVersions())
        .filteredOn(CustomResourceDefinitionVersion::getStorage)
        .extracting(CustomResourceDefinitionVersion::getName)
        .containsExactly(kind.storageVersion());
    assertThat(crd.getSpec().getVersions()).allMatch(CustomResourceDefinitionVersion::getServed);
  }

  @Test
  void everyKindStoresV1ButProxyConfigWhichIstioServesAsV1beta1Only() {
    for (IstioKind kind : IstioKind.values()) {
      assertThat(kind.storageVersion())
          .as(kind.kind())
          .isEqualTo(kind == IstioKind.PROXY_CONFIG ? "v1beta1" : "v1");
    }
    assertThat(IstioKind.PROXY_CONFIG.versions()).containsExactly("v1beta1");
  }

  @Test
  void networkingKindsServeTheOlderVersionsIstioStillServes() {
    assertThat(IstioKind.VIRTUAL_SERVICE.versions()).containsExactly("v1", "v1beta1", "v1alpha3");
    assertThat(IstioKind.PEER_AUTHENTICATION.versions()).containsExactly("v1", "v1beta1");
  }

  @Test
  void contextNamesTheKindAtTheAskedVersion() {
    var context = IstioKind.SERVICE_ENTRY.context("v1beta1");

    assertThat(context.getGroup()).isEqualTo("networking.istio.io");
    assertThat(context.getVersion()).isEqualTo("v1beta1");
    assertThat(context.getPlural()).isEqualTo("serviceentries");
    assertThat(context.isNamespaceScoped()).isTrue();
  }

  @Test
  void contextRejectsAVersionTheKindDoesNotServe() {
    assertThatThrownBy(() -> IstioKind.PEER_AUTHENTICATION.context("v1alpha3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("v1alpha3");
  }
}
