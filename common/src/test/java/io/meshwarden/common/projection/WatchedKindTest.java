package io.meshwarden.common.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.FactKind;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table of watched kinds agrees with the fact kinds and routes by group and version. */
class WatchedKindTest {

  @Test
  void everyIstioNetworkingFactKindIsAWatchedNetworkingKindAndBack() {
    Set<String> istioConfig =
        Arrays.stream(FactKind.values())
            .filter(FactKind::isIstioConfig)
            .map(FactKind::name)
            .collect(Collectors.toSet());
    Set<String> networking =
        WatchedKind.all().stream()
            .filter(k -> k.group().equals("networking.istio.io"))
            .map(WatchedKind::kind)
            .collect(Collectors.toSet());

    assertThat(networking).isEqualTo(istioConfig);
  }

  @Test
  void kindsAreUniqueAndResourcesArePlural() {
    assertThat(WatchedKind.all()).extracting(WatchedKind::kind).doesNotHaveDuplicates();
    assertThat(WatchedKind.all())
        .allSatisfy(k -> assertThat(k.resource()).endsWith("s").isLowerCase());
  }

  @ParameterizedTest
  @CsvSource({
    "Pod,                          v1,                                 true",
    "Pod,                          apps/v1,                            false",
    "Deployment,                   apps/v1,                            true",
    "Deployment,                   apps/v1beta2,                       true",
    "Deployment,                   apps2/v1,                           false",
    "PodDisruptionBudget,          policy/v1,                          true",
    "PodDisruptionBudget,          policy/v1beta1,                     false",
    "MutatingWebhookConfiguration, admissionregistration.k8s.io/v1,    true",
    "VirtualService,               networking.istio.io/v1alpha3,       true",
    "VirtualService,               networking.istio.io,                false",
    "PeerAuthentication,           security.istio.io/v1beta1,          true",
    "PeerAuthentication,           networking.istio.io/v1,             false"
  })
  void readsTheListedVersionsAndAnyVersionOfGroupsThatShareOneSchema(
      String kind, String apiVersion, boolean read) {
    assertThat(WatchedKind.of(kind).reads(apiVersion)).isEqualTo(read);
  }
}
