package io.meshwarden.common.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.FactMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesYamlTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static List<String> kinds(List<JsonNode> objects) {
    return objects.stream().map(o -> o.path("kind").asText()).toList();
  }

  @Test
  void readsEveryDocumentOfAMultiDocumentFile() throws IOException {
    List<JsonNode> objects = KubernetesYaml.read(Fixtures.path("istio-networking.yaml"));

    // The file holds one object of each Istio networking kind, in FactKind's order.
    assertThat(kinds(objects))
        .containsExactlyElementsOf(
            Arrays.stream(FactKind.values())
                .filter(FactKind::isIstioConfig)
                .map(FactKind::name)
                .toList());
  }

  @Test
  void flattensListsAndFillsInTheKindOfTypedListItems() throws IOException {
    List<JsonNode> objects = KubernetesYaml.read(Fixtures.path("list.yaml"));

    assertThat(kinds(objects))
        .containsExactly(
            "Namespace", "ReplicaSet", "DaemonSet", "Job", "PodDisruptionBudget", "Pod");
    JsonNode bare = objects.get(5);
    assertThat(bare.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(Fixtures.projector().project(bare)).isInstanceOf(Projection.Projected.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\n\n", "# nothing here\n", "---\n---\n", "---\n# c\n...\n"})
  void skipsEmptyDocuments(String content) throws IOException {
    assertThat(KubernetesYaml.read(write("empty.yaml", content))).isEmpty();
  }

  @Test
  void reportsTheFileAndLineOfMalformedYaml() {
    Path file = Fixtures.path("malformed.yaml");

    assertThatThrownBy(() -> KubernetesYaml.read(file))
        .isInstanceOfSatisfying(
            KubernetesYamlException.class,
            e -> {
              assertThat(e.file()).isEqualTo(file);
              assertThat(e.line()).isEqualTo(10);
              assertThat(e.problem()).contains("mapping values are not allowed");
              assertThat(e.getMessage()).startsWith(file + ":10: ");
            });
  }

  @Test
  void locatesEachDocumentAndEachListItemAtItsOwnLine() throws IOException {
    Path file =
        write(
            "located.yaml",
            """
            # a comment
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
              - apiVersion: v1
                kind: Service
                metadata: {name: db, namespace: shop}
            ---
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "shop"}}
            """);

    List<KubernetesYaml.Located> located = KubernetesYaml.readLocated(file);

    assertThat(located)
        .extracting(l -> l.object().path("metadata").path("name").asText() + "@" + l.line())
        .containsExactly("shop@2", "web@9", "db@12", "p@16");
    assertThat(KubernetesYaml.read(file))
        .containsExactlyElementsOf(located.stream().map(KubernetesYaml.Located::object).toList());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a scalar document   | 'kind: Pod\\nmetadata: {name: a}\\n---\\njust text\\n' | 4 | a string",
        "a list document     | '- kind: Pod\\n'                                       | 1 | a list",
        "an item not object  | 'kind: List\\napiVersion: v1\\nitems: [1]\\n'          | 3 | not an object",
        "unclosed quote      | 'kind: Pod\\nmetadata:\\n  name: \"web\\n'             | 4 | scanning a quoted scalar from line 3"
      })
  void reportsDocumentsThatAreNotObjectsWithTheirLine(
      String description, String content, int line, String problem) throws IOException {
    Path file = write("bad.yaml", content.replace("\\n", "\n"));

    assertThatThrownBy(() -> KubernetesYaml.read(file))
        .isInstanceOfSatisfying(
            KubernetesYamlException.class,
            e -> {
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.problem()).contains(problem);
            });
  }

  @Test
  void readsJsonAsKubectlPrintsIt() throws IOException {
    Path file =
        write(
            "pod.json",
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-1\"}}");

    assertThat(kinds(KubernetesYaml.read(file))).containsExactly("Pod");
  }

  @Test
  void keepsDecimalVersionsAsWritten() throws IOException {
    Path file =
        write(
            "pod.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n  labels: {version: 1.10}\n");

    FactMeta meta = Fixtures.projectOne(KubernetesYaml.read(file).get(0)).meta();

    assertThat(meta.labels()).containsEntry("version", "1.10");
  }

  @Test
  void readsFilesLargerThanSnakeYamlsDefaultLimit() throws IOException {
    StringBuilder yaml = new StringBuilder();
    String padding = "x".repeat(1000);
    for (int i = 0; i < 4_000; i++) {
      yaml.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-")
          .append(i)
          .append("}\ndata: {pad: ")
          .append(padding)
          .append("}\n");
    }
    Path file = write("big.yaml", yaml.toString());
    assertThat(Files.size(file)).isGreaterThan(4L * 1024 * 1024);

    assertThat(KubernetesYaml.read(file)).hasSize(4_000);
  }

  @Test
  void reportsAMissingFileAsAnIoError() {
    assertThatThrownBy(() -> KubernetesYaml.read(dir.resolve("absent.yaml")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
