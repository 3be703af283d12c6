package io.meshwarden.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --istio-version} sets the release that judges files without a control plane; files that
 * show one are judged by their own release.
 */
class AnalyzeIstioVersionTest {

  /**
   * A proxy-less pod labelled {@code sidecar.istio.io/inject: "no"} in an injection-enabled
   * namespace: Istio up to 1.26 reads "no" as an opt-out, from 1.27 it falls back to the policy and
   * injects, so MW0001 (sidecar missing) fires only for 1.27 and later.
   */
  static final String POD =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop, labels: {istio-injection: enabled}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web, namespace: shop, labels: {sidecar.istio.io/inject: "no"}}
      spec: {containers: [{name: app, image: app:1}]}
      """;

  /** The revision-less injector of Istio 1.26.3. */
  static final String INJECTOR_126 =
      """
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: istio-sidecar-injector, namespace: istio-system}
      data:
        config: |
          policy: enabled
        values: |
          {"global": {"hub": "docker.io/istio", "tag": "1.26.3"}}
      """;

  @TempDir Path dir;

  @Test
  void judgesFilesWithoutAControlPlaneByTheGivenRelease() throws Exception {
    Path file = Files.writeString(dir.resolve("pod.yaml"), POD);

    AnalyzeRun old = AnalyzeRun.of("-f", file.toString(), "--istio-version", "1.26");
    AnalyzeRun now = AnalyzeRun.of("-f", file.toString(), "--istio-version", "1.27.0");
    AnalyzeRun unset = AnalyzeRun.of("-f", file.toString());

    assertThat(old.out()).doesNotContain("MW0001");
    assertThat(now.out()).contains("MW0001");
    assertThat(unset.out()).contains("MW0001");
  }

  @Test
  void filesWithAControlPlaneAreJudgedByTheirOwnRelease() throws Exception {
    Path file = Files.writeString(dir.resolve("pod.yaml"), POD + INJECTOR_126);

    AnalyzeRun run = AnalyzeRun.of("-f", file.toString(), "--istio-version", "1.28");

    assertThat(run.out()).doesNotContain("MW0001");
  }

  @Test
  void rejectsAVersionThatNamesNoRelease() throws Exception {
    Path file = Files.writeString(dir.resolve("pod.yaml"), POD);

    AnalyzeRun run = AnalyzeRun.of("-f", file.toString(), "--istio-version", "latest");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--istio-version");
  }
}
