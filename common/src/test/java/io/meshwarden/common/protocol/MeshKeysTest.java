package io.meshwarden.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeshKeysTest {

  @ParameterizedTest
  @CsvSource({
    "istio.io/rev, true",
    "sidecar.istio.io/inject, true",
    "sidecar.istio.io/status, true",
    "proxy.istio.io/config, true",
    "traffic.sidecar.istio.io/excludeInboundPorts, true",
    "networking.istio.io/exportTo, true",
    "meshwarden.io/remediate, true",
    "kubectl.kubernetes.io/restartedAt, true",
    // near misses, and annotations no rule reads
    "notistio.io/rev, false",
    "istio.io.evil.com/x, false",
    "kubectl.kubernetes.io/last-applied-configuration, false",
    "kubectl.kubernetes.io/default-container, false",
    "vault.hashicorp.com/agent-inject-secret-db, false",
    "prometheus.io/scrape, false",
    "checksum/config, false",
    // keys that only matter as labels (labels are kept whole, not through MeshKeys)
    "app, false",
    "team, false"
  })
  void keepsOnlyAnnotationKeysTheMeshReads(String key, boolean kept) {
    assertThat(MeshKeys.standard().test(key)).isEqualTo(kept);
  }

  @Test
  void anAllowListAddsExactKeys() {
    MeshKeys keys = new MeshKeys(Set.of("example.com/owner"));

    assertThat(
            keys.filter(
                Map.of(
                    "example.com/owner", "payments",
                    "example.com/owners", "x",
                    "istio.io/rev", "canary")))
        .containsExactlyEntriesOf(
            new TreeMap<>(Map.of("example.com/owner", "payments", "istio.io/rev", "canary")));
  }
}
