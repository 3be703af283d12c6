package io.meshwarden.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A malformed object is an MW0030 finding on that object and the rest of the input is judged; only
 * text that is not YAML exits 2.
 */
class AnalyzeMalformedObjectTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A Deployment whose container has no name, beside a well-formed unlabelled namespace. */
  static final String NAMELESS_CONTAINER =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: plain}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: plain}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
              - image: web:1
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api, namespace: plain}
      spec:
        selector: {matchLabels: {app: api}}
        template:
          metadata: {labels: {app: api}}
          spec:
            containers:
              - {name: api, image: api:1}
      """;

  @TempDir Path dir;

  @Test
  void reportsTheMalformedObjectAndJudgesTheRest() throws IOException {
    AnalyzeRun run = AnalyzeRun.of("-f", write(NAMELESS_CONTAINER).toString(), "-o", "json");

    assertThat(run.err()).isEmpty();
    assertThat(codes(run, "MW0030")).containsExactly("Deployment plain/web");
    assertThat(codes(run, "MW0013"))
        .as("the namespace is still judged")
        .contains("Namespace /plain");
    assertThat(run.exitCode()).as("MW0030 is an error").isEqualTo(1);
  }

  @Test
  void namesTheFieldButNotItsValue() throws IOException {
    String yaml =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-1
          namespace: shop
          labels: {app: {secret: hunter2}}
        spec: {containers: [{name: web, image: web:1}]}
        """;

    AnalyzeRun run = AnalyzeRun.of("-f", write(yaml).toString());

    assertThat(run.out()).contains("MW0030", "Pod shop/web-1", "metadata.labels.app");
    assertThat(run.out()).doesNotContain("hunter2");
  }

  @Test
  void aWellFormedObjectIsNotReported() throws IOException {
    AnalyzeRun run =
        AnalyzeRun.of(
            "-f",
            write(NAMELESS_CONTAINER.replace("- image: web:1", "- {name: web, image: web:1}"))
                .toString(),
            "-o",
            "json");

    assertThat(codes(run, "MW0030")).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void sarifLocatesTheMalformedObject() throws IOException {
    AnalyzeRun run = AnalyzeRun.of("-f", write(NAMELESS_CONTAINER).toString(), "-o", "sarif");

    JsonNode results = JSON.readTree(run.out()).path("runs").path(0).path("results");
    JsonNode mw0030 = null;
    for (JsonNode r : results) {
      if (r.path("ruleId").asText().equals("MW0030")) {
        mw0030 = r;
      }
    }
    assertThat(mw0030).isNotNull();
    assertThat(
            mw0030
                .path("locations")
                .path(0)
                .path("physicalLocation")
                .path("region")
                .path("startLine")
                .asInt())
        .isEqualTo(5);
  }

  @Test
  void anObjectWithoutAKindIsStillBadInput() throws IOException {
    AnalyzeRun run = AnalyzeRun.of("-f", write("apiVersion: v1\nmetadata: {name: a}\n").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("in.yaml:1", "kind");
  }

  private static List<String> codes(AnalyzeRun run, String code) throws IOException {
    List<String> subjects = new ArrayList<>();
    for (JsonNode f : JSON.readTree(run.out())) {
      if (f.get("code").asText().equals(code)) {
        JsonNode s = f.get("subject");
        subjects.add(
            s.get("kind").asText()
                + " "
                + s.path("namespace").asText()
                + "/"
                + s.get("name").asText());
      }
    }
    return subjects;
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("in.yaml"), text);
  }
}
