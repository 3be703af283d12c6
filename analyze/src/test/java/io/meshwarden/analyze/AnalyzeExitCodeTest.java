package io.meshwarden.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exit codes follow --fail-on; bad input exits 2 naming the file and line. */
class AnalyzeExitCodeTest {

  /** Only an INFO finding: an unlabelled namespace (MW0013). */
  static final String INFO_ONLY =
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: plain
      """;

  /** A WARNING (MW0002 unexpected sidecar) beside the INFO. */
  static final String WARNING =
      INFO_ONLY
          + """
          ---
          apiVersion: v1
          kind: Pod
          metadata:
            name: old
            namespace: plain
            annotations:
              sidecar.istio.io/status: '{"revision":"default"}'
          spec:
            containers:
              - {name: app, image: app:1}
              - {name: istio-proxy, image: docker.io/istio/proxyv2:1.24.0}
          """;

  @TempDir Path dir;

  static Stream<Arguments> thresholds() {
    return Stream.of(
        Arguments.of(INFO_ONLY, "info", 1),
        Arguments.of(INFO_ONLY, "warning", 0),
        Arguments.of(INFO_ONLY, "error", 0),
        Arguments.of(WARNING, "warning", 1),
        Arguments.of(WARNING, "error", 0));
  }

  @ParameterizedTest(name = "--fail-on {1} -> {2}")
  @MethodSource("thresholds")
  void exitsOneOnlyAtOrAboveTheThreshold(String yaml, String failOn, int expected)
      throws IOException {
    Path file = write("in.yaml", yaml);

    assertThat(AnalyzeRun.of("-f", file.toString(), "--fail-on", failOn).exitCode())
        .isEqualTo(expected);
  }

  @Test
  void defaultsToFailingOnErrorsOnly() throws IOException {
    assertThat(AnalyzeRun.of("-f", write("in.yaml", WARNING).toString()).exitCode()).isZero();
  }

  @Test
  void namesFileAndLineOfMalformedYaml() throws IOException {
    Path bad =
        write("broken.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: [unclosed\n");

    AnalyzeRun run = AnalyzeRun.of("-f", dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(bad.toString() + ":").containsPattern("broken\\.yaml:\\d+");
  }

  @Test
  void rejectsAMissingPath() {
    AnalyzeRun run = AnalyzeRun.of("-f", dir.resolve("nope.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("nope.yaml: no such file or directory");
  }

  @Test
  void rejectsAnUnknownOutputFormatAsAUsageError() throws IOException {
    assertThat(AnalyzeRun.of("-f", write("in.yaml", INFO_ONLY).toString(), "-o", "xml").exitCode())
        .isEqualTo(2);
  }

  @Test
  void skipsKindsItDoesNotKnow() throws IOException {
    Path file =
        write(
            "cron.yaml",
            """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly, namespace: shop}
            spec: {schedule: "@daily"}
            """);

    AnalyzeRun run = AnalyzeRun.of("-f", file.toString(), "--fail-on", "info");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("No findings.");
  }

  @Test
  void coloursTextOnlyWhenAskedTo() throws IOException {
    String file = write("in.yaml", WARNING).toString();

    assertThat(AnalyzeRun.of(false, "-f", file).out()).doesNotContain("\u001b[").contains("MW0002");
    assertThat(AnalyzeRun.of(true, "-f", file).out()).contains("\u001b[33mMW0002");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
