package io.meshwarden.core.model;

import static io.meshwarden.core.fixtures.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.PodSpecFacts.ProbeFacts;
import io.meshwarden.core.fixtures.PodBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading what actually runs (istio.md §2, §5), each case beside its near miss. */
class ProxyStateReaderTest {

  static Stream<Arguments> pods() {
    return Stream.of(
        Arguments.of("no proxy", pod("a"), ProxyState.Mode.NONE, null, false),
        Arguments.of(
            "classic sidecar",
            pod("a").withSidecar("1-24"),
            ProxyState.Mode.CLASSIC,
            "1-24",
            false),
        Arguments.of(
            "native sidecar",
            pod("a").withSidecar("1-24").nativeSidecar(),
            ProxyState.Mode.NATIVE,
            "1-24",
            false),
        Arguments.of(
            "revision from the istio.io/rev annotation when status has none",
            pod("a").withSidecar("").annotation("istio.io/rev", "1-22"),
            ProxyState.Mode.CLASSIC,
            "1-22",
            false),
        Arguments.of(
            "probes rewritten",
            pod("a")
                .appProbe(new ProbeFacts("httpGet", "15020", "/app-health/app/readyz", null, null))
                .withSidecar("1-24"),
            ProxyState.Mode.CLASSIC,
            "1-24",
            true),
        Arguments.of(
            "probes not rewritten",
            pod("a")
                .appProbe(new ProbeFacts("httpGet", "8080", "/ready", null, null))
                .withSidecar("1-24"),
            ProxyState.Mode.CLASSIC,
            "1-24",
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pods")
  void readsModeRevisionAndProbeRewriting(
      String name, PodBuilder pod, ProxyState.Mode mode, String revision, boolean rewritten) {
    ProxyState state = ProxyStateReader.read(pod.build());

    assertThat(state.mode()).isEqualTo(mode);
    assertThat(state.revision()).isEqualTo(revision);
    assertThat(state.probesRewritten()).isEqualTo(rewritten);
  }

  @ParameterizedTest(name = "native={0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void readsHealthFromTheRightStatusList(boolean nativeSidecar) {
    PodBuilder b = pod("a").withSidecar("1-24");
    if (nativeSidecar) {
      b.nativeSidecar();
    }
    ProxyState state = ProxyStateReader.read(b.proxyStatus(false, 4, "CrashLoopBackOff").build());

    assertThat(state.crashLooping()).isTrue();
    assertThat(state.restarts()).isEqualTo(4);
    assertThat(state.ready()).isFalse();
  }
}
