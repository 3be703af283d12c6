package io.meshwarden.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

/** SARIF output validates against (a closed subset of) the SARIF 2.1.0 schema. */
class AnalyzeSarifTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchema SARIF =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
          .getSchema(SchemaLocation.of("classpath:sarif-2.1.0-subset.schema.json"));

  private static JsonNode sarif() throws Exception {
    AnalyzeRun run = AnalyzeRun.of("-f", "../examples", "-o", "sarif");
    assertThat(run.exitCode()).isEqualTo(1);
    return JSON.readTree(run.out());
  }

  @Test
  void validatesAgainstTheSarifSchema() throws Exception {
    JsonNode doc = sarif();

    assertThat(SARIF.validate(doc)).isEmpty();
    JsonNode run = doc.get("runs").get(0);
    assertThat(run.get("results")).hasSize(26);
    assertThat(run.get("tool").get("driver").get("rules")).hasSizeGreaterThanOrEqualTo(48);
  }

  @Test
  void locatesResultsInTheFileThatDeclaresTheSubject() throws Exception {
    for (JsonNode r : sarif().get("runs").get(0).get("results")) {
      if (r.get("ruleId").asText().equals("MW0003")) {
        JsonNode artifact =
            r.get("locations").get(0).get("physicalLocation").get("artifactLocation");
        assertThat(artifact.get("uri").asText()).endsWith("examples/20-shop.yaml");
        assertThat(r.get("level").asText()).isEqualTo("warning");
      }
    }
  }

  @Test
  void pointsEachResultAtTheLineWhereItsSubjectIsDeclared() throws Exception {
    int checked = 0;
    for (JsonNode r : sarif().get("runs").get(0).get("results")) {
      JsonNode physical = r.get("locations").get(0).get("physicalLocation");
      JsonNode logical = r.get("locations").get(0).get("logicalLocations").get(0);
      if (physical == null) {
        continue;
      }
      int line = physical.get("region").get("startLine").asInt();
      java.util.List<String> lines =
          java.nio.file.Files.readAllLines(
              java.nio.file.Path.of("..")
                  .resolve(physical.get("artifactLocation").get("uri").asText()));
      // The declaration starting at that line names the subject within its first lines.
      String declaration =
          String.join("\n", lines.subList(line - 1, Math.min(lines.size(), line + 6)));
      String[] key = logical.get("fullyQualifiedName").asText().split("/"); // namespace/Kind/name
      String kind = key[key.length - 2];
      assertThat(declaration)
          .as("%s at line %d", logical.get("fullyQualifiedName").asText(), line)
          .contains("kind: " + kind)
          .contains("name: " + logical.get("name").asText());
      checked++;
    }
    assertThat(checked).isGreaterThan(10);
  }

  @Test
  void schemaRejectsAMalformedResult() throws Exception {
    JsonNode doc = sarif();
    ((ObjectNode) doc.get("runs").get(0).get("results").get(0)).put("level", "warn");

    assertThat(SARIF.validate(doc)).isNotEmpty();
  }
}
