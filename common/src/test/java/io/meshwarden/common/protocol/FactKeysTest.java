package io.meshwarden.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FactKeysTest {

  @ParameterizedTest
  @CsvSource({
    "Pod, shop, web-1, shop/Pod/web-1",
    "Deployment, shop, web, shop/Deployment/web",
    "Namespace, '', shop, Namespace//shop",
    "Service, shop, web, Service/shop/web",
    "RevisionTag, '', istio-revision-tag-prod, RevisionTag//istio-revision-tag-prod",
    "InjectorConfig, istio-system, istio-sidecar-injector, InjectorConfig/istio-system/istio-sidecar-injector"
  })
  void keysFollowTheTopicLayoutAndParseBack(FactKind kind, String ns, String name, String key) {
    assertThat(FactKeys.keyOf(kind, ns, name)).isEqualTo(key);
    assertThat(FactKeys.parse(key)).isEqualTo(new FactKeys.Key(kind, ns, name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop/web", "shop/Toaster/x", "", "a/b"})
  void rejectsKeysThatAreNotFactKeys(String key) {
    assertThatThrownBy(() -> FactKeys.parse(key)).isInstanceOf(IllegalArgumentException.class);
  }
}
