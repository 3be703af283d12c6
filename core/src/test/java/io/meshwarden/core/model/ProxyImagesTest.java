package io.meshwarden.core.model;

import static io.meshwarden.core.fixtures.Fixtures.injector;
import static io.meshwarden.core.fixtures.Fixtures.pairs;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.core.fixtures.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The image a revision injects (istio.md §3). */
class ProxyImagesTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "hub/proxyv2:tag by default",
            "docker.io/istio",
            null,
            "1.24.0",
            null,
            new String[0],
            "docker.io/istio/proxyv2:1.24.0"),
        Arguments.of(
            "named image under the hub",
            "gcr.io/x",
            "proxy-custom",
            "1.24.0",
            null,
            new String[0],
            "gcr.io/x/proxy-custom:1.24.0"),
        Arguments.of(
            "image with a slash is taken as is",
            "gcr.io/x",
            "my.reg/p/proxy:7",
            "1.24.0",
            null,
            new String[0],
            "my.reg/p/proxy:7"),
        Arguments.of(
            "global variant",
            "docker.io/istio",
            null,
            "1.24.0",
            "distroless",
            new String[0],
            "docker.io/istio/proxyv2:1.24.0-distroless"),
        Arguments.of(
            "proxyImageType annotation",
            "docker.io/istio",
            null,
            "1.24.0",
            null,
            new String[] {"sidecar.istio.io/proxyImageType", "distroless"},
            "docker.io/istio/proxyv2:1.24.0-distroless"),
        Arguments.of(
            "proxyImage annotation overrides everything",
            "docker.io/istio",
            null,
            "1.24.0",
            "distroless",
            new String[] {"sidecar.istio.io/proxyImage", "own/proxy:1"},
            "own/proxy:1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void buildsTheImageIstioWouldInject(
      String name,
      String hub,
      String image,
      String tag,
      String variant,
      String[] annotations,
      String expected) {
    MeshView mesh =
        new MeshViewBuilder(Fixtures.NOW)
            .add(injector("1-24").image(hub, image, tag, variant).build())
            .build();

    assertThat(ProxyImages.expected("1-24", pairs(annotations), mesh)).contains(expected);
  }

  @ParameterizedTest(name = "unknown revision {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"1-23", "canary"})
  void knowsNothingAboutRevisionsWithoutInjectorSettings(String revision) {
    MeshView mesh = new MeshViewBuilder(Fixtures.NOW).add(injector("1-24").build()).build();

    assertThat(ProxyImages.expected(revision, java.util.Map.of(), mesh)).isEmpty();
  }
}
