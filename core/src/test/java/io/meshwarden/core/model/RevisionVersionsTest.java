package io.meshwarden.core.model;

import static io.meshwarden.core.fixtures.Fixtures.injector;
import static io.meshwarden.core.fixtures.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.core.fixtures.Fixtures;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which release each revision runs, and how an unknown or too new one is judged. */
class RevisionVersionsTest {

  @Test
  void theRunningIstiodImageBeatsTheInjectorsGlobalTag() {
    MeshView mesh =
        new MeshViewBuilder(Fixtures.NOW)
            .add(injector("default").image("docker.io/istio", null, "1.26.0", null).build())
            .add(istiod("istiod-a", null, "docker.io/istio/pilot:1.27.1"))
            .add(injector("canary").image("docker.io/istio", null, "1.28.0", null).build())
            .build();

    assertThat(mesh.istioVersion("default")).contains(new IstioVersion(1, 27, 1));
    assertThat(mesh.istioVersion("canary")).contains(new IstioVersion(1, 28, 0));
    assertThat(mesh.versionDetail("canary")).isEqualTo("1.28.0");
  }

  @Test
  void aRolloutCountsTheNewestIstiod() {
    MeshView mesh =
        new MeshViewBuilder(Fixtures.NOW)
            .add(istiod("istiod-a", "1-27", "docker.io/istio/pilot:1.27.0"))
            .add(istiod("istiod-b", "1-27", "docker.io/istio/pilot:1.27.3-distroless"))
            .build();

    assertThat(mesh.istioVersion("1-27")).contains(new IstioVersion(1, 27, 3));
  }

  @Test
  void unknownAndNewerReleasesAreJudgedAsTheNewestAndSaySo() {
    MeshView mesh =
        new MeshViewBuilder(Fixtures.NOW)
            .add(injector("default").image("docker.io/istio", null, "latest", null).build())
            .add(injector("next").image("docker.io/istio", null, "1.40.1", null).build())
            .build();

    assertThat(mesh.istioVersion("default")).isEmpty();
    assertThat(mesh.semantics("default")).isEqualTo(IstioVersion.NEWEST);
    assertThat(mesh.versionDetail("default")).isEqualTo("unknown, judged as 1.31");
    assertThat(mesh.semantics("next")).isEqualTo(IstioVersion.NEWEST);
    assertThat(mesh.versionDetail("next")).isEqualTo("1.40.1, judged as 1.31");
  }

  @Test
  void anAssumedVersionFillsOnlyWhatTheInputDoesNotShow() {
    IstioVersion v126 = new IstioVersion(1, 26, 0);
    MeshView bare = new MeshViewBuilder(Fixtures.NOW).assumeIstioVersion(v126).build();
    MeshView shown =
        new MeshViewBuilder(Fixtures.NOW)
            .assumeIstioVersion(v126)
            .add(injector("default").image("docker.io/istio", null, "1.28.1", null).build())
            .build();

    assertThat(bare.semantics(null)).isEqualTo(v126);
    assertThat(shown.semantics("default")).isEqualTo(new IstioVersion(1, 28, 1));
  }

  @Test
  void olderReleasesAreJudgedAsTheOldestModelled() {
    assertThat(IstioVersion.judged(Optional.of(new IstioVersion(1, 20, 3))))
        .isEqualTo(IstioVersion.OLDEST);
    assertThat(IstioVersion.judged(Optional.of(new IstioVersion(1, 31, 4))))
        .isEqualTo(new IstioVersion(1, 31, 4));
  }

  private static io.meshwarden.common.protocol.PodFacts istiod(
      String name, String rev, String image) {
    var b = pod(name).in("istio-system").label("app", "istiod");
    if (rev != null) {
      b = b.label("istio.io/rev", rev);
    }
    return b.app(
            new io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts(
                "discovery", image, null, null, null, null, null, null, null))
        .build();
  }
}
