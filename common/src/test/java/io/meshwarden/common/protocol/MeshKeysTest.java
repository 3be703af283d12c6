package io.meshwarden.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeshKeysTest {

  @ParameterizedTest
  @CsvSource({
    "istio.io/rev, true",
    "sidecar.istio.io/inject, true",
    "security.istio.io/tlsMode, true",
    "service.istio.io/canonical-name, true",
    "meshwarden.io/remediate, true",
    "app, true",
    "version, true",
    "app.kubernetes.io/name, true",
    "app.kubernetes.io/version, true",
    "pod-template-hash, true",
    "istio-injection, true",
    "istio, true",
    // near misses
    "notistio.io/rev, false",
    "istio.io.evil.com/x, false",
    "app.kubernetes.io/component, false",
    "application, false",
    "istios, false",
    "vault.hashicorp.com/agent-inject-secret-db, false",
    "kubectl.kubernetes.io/last-applied-configuration, false"
  })
  void keepsOnlyKeysTheMeshReads(String key, boolean kept) {
    assertThat(MeshKeys.standard().test(key)).isEqualTo(kept);
  }

  @Test
  void anAllowListAddsExactKeys() {
    MeshKeys keys = new MeshKeys(Set.of("team"));

    assertThat(keys.filter(Map.of("team", "payments", "teams", "x", "app", "web")))
        .containsExactlyEntriesOf(
            new java.util.TreeMap<>(Map.of("app", "web", "team", "payments")));
  }
}
