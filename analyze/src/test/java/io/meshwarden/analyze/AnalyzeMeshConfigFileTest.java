package io.meshwarden.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --mesh-config} (istioctl's {@code --meshConfigFile}) judges the files with the mesh
 * configuration it names, in place of the files' own, and rejects a file that is none.
 */
class AnalyzeMeshConfigFileTest {

  private static final String SERVICE_ENTRY =
      """
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: db, namespace: shop}
      spec:
        hosts: [db.example.com]
        ports: [{number: 5432, name: tcp-db, protocol: TCP}]
        resolution: DNS
      """;

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void dnsAutoAllocationInTheGivenMeshConfigSilencesTheMissingAddressWarning() throws IOException {
    Path manifests = write("se.yaml", SERVICE_ENTRY);
    Path mesh =
        write(
            "mesh.yaml",
            """
            defaultConfig:
              proxyMetadata:
                ISTIO_META_DNS_CAPTURE: "true"
                ISTIO_META_DNS_AUTO_ALLOCATE: "true"
            """);

    AnalyzeRun without = AnalyzeRun.of("-f", manifests.toString());
    AnalyzeRun with = AnalyzeRun.of("-f", manifests.toString(), "--mesh-config", mesh.toString());

    assertThat(without.out()).contains("IST0134");
    assertThat(with.out()).doesNotContain("IST0134");
    assertThat(with.exitCode()).isZero();
  }

  @Test
  void aMissingOrNonMeshFileIsBadInput() throws IOException {
    Path manifests = write("se.yaml", SERVICE_ENTRY);

    AnalyzeRun missing =
        AnalyzeRun.of(
            "-f", manifests.toString(), "--meshConfigFile", dir.resolve("nope.yaml").toString());
    AnalyzeRun notYaml =
        AnalyzeRun.of(
            "-f",
            manifests.toString(),
            "--mesh-config",
            write("x.yaml", "{{{ not yaml").toString());

    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.yaml");
    assertThat(notYaml.exitCode()).isEqualTo(2);
    assertThat(notYaml.err()).contains("x.yaml");
  }
}
