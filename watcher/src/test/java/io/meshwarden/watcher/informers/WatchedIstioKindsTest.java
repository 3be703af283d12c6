package io.meshwarden.watcher.informers;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.projection.WatchedKind;
import io.meshwarden.testkit.kubernetes.IstioKind;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The mock API server (testkit's {@link IstioKind}, which cannot see the common module) registers a
 * CRD for every Istio kind the watcher reads, with the same group, plural and versions.
 */
class WatchedIstioKindsTest {

  @Test
  void mockApiServerServesEveryWatchedIstioKindAsTheWatcherReadsIt() {
    Map<String, IstioKind> served =
        Arrays.stream(IstioKind.values())
            .collect(Collectors.toMap(IstioKind::kind, Function.identity()));

    assertThat(WatchedKind.all().stream().filter(WatchedKind::istio))
        .isNotEmpty()
        .allSatisfy(
            k -> {
              assertThat(served).as("IstioKind for %s", k.kind()).containsKey(k.kind());
              IstioKind s = served.get(k.kind());
              assertThat(s.group()).isEqualTo(k.group());
              assertThat(s.plural()).isEqualTo(k.resource());
              assertThat(s.versions()).isEqualTo(k.versions());
            });
  }
}
