package io.meshwarden.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.core.fixtures.MeshFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code analyze -f <fixture>} reports each mesh rule's fixture as the rules do. */
class AnalyzeMeshFixturesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<MeshFixture> fixtures() {
    return MeshFixture.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void reportsTheFixturesFindings(MeshFixture fixture) throws Exception {
    AnalyzeRun run = AnalyzeRun.of("-f", fixture.file().toString(), "-o", "json");

    assertThat(run.err()).isEmpty();
    List<String> subjects = new ArrayList<>();
    for (JsonNode f : JSON.readTree(run.out())) {
      if (f.get("code").asText().equals(fixture.code())) {
        JsonNode s = f.get("subject");
        subjects.add(
            s.get("kind").asText()
                + " "
                + s.path("namespace").asText()
                + "/"
                + s.get("name").asText());
      }
    }
    assertThat(subjects).containsExactlyInAnyOrderElementsOf(fixture.expected());
    assertThat(subjects).doesNotContainAnyElementsOf(fixture.nearMisses());
  }
}
