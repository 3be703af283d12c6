package io.meshwarden.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Istio versions are read from release strings and image tags, and ordered as releases. */
class IstioVersionTest {

  @Test
  void readsReleasesAndImageTags() {
    assertThat(IstioVersion.parse("1.27.0")).contains(new IstioVersion(1, 27, 0));
    assertThat(IstioVersion.parse("1.24")).contains(new IstioVersion(1, 24, 0));
    assertThat(IstioVersion.parse("v1.28.2")).contains(new IstioVersion(1, 28, 2));
    assertThat(IstioVersion.parse("1.24.1-distroless")).contains(new IstioVersion(1, 24, 1));
    assertThat(IstioVersion.ofImage("docker.io/istio/pilot:1.26.3"))
        .contains(new IstioVersion(1, 26, 3));
    assertThat(IstioVersion.ofImage("localhost:5000/istio/pilot:1.25.0-debug"))
        .contains(new IstioVersion(1, 25, 0));
  }

  @Test
  void readsNothingFromTagsThatNameNoRelease() {
    assertThat(IstioVersion.parse("latest")).isEmpty();
    assertThat(IstioVersion.parse(null)).isEmpty();
    assertThat(IstioVersion.parse("")).isEmpty();
    assertThat(IstioVersion.ofImage("docker.io/istio/pilot")).isEmpty();
    assertThat(IstioVersion.ofImage("localhost:5000/istio/pilot")).isEmpty();
    assertThat(IstioVersion.ofImage("docker.io/istio/pilot@sha256:abc")).isEmpty();
  }

  @Test
  void ordersAsReleasesDo() {
    IstioVersion v126 = new IstioVersion(1, 26, 9);
    IstioVersion v127 = new IstioVersion(1, 27, 0);

    assertThat(v126).isLessThan(v127);
    assertThat(v127.atLeast(1, 27)).isTrue();
    assertThat(v126.atLeast(1, 27)).isFalse();
    assertThat(new IstioVersion(1, 25, 4).atLeast(1, 25, 4)).isTrue();
    assertThat(new IstioVersion(1, 25, 3).atLeast(1, 25, 4)).isFalse();
    assertThat(IstioVersion.NEWEST).isGreaterThan(IstioVersion.OLDEST);
  }
}
