package io.meshwarden.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code analyze -f examples/} prints exactly the drift the examples were written to show. */
class AnalyzeExamplesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXAMPLES = "../examples";

  @Test
  void findsTheDriftTheExamplesHold() throws Exception {
    AnalyzeRun run = AnalyzeRun.of("-f", EXAMPLES, "-o", "json");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(1);
    List<String> found = new ArrayList<>();
    for (JsonNode f : JSON.readTree(run.out())) {
      JsonNode s = f.get("subject");
      found.add(
          f.get("code").asText()
              + " "
              + s.get("kind").asText()
              + " "
              + s.path("namespace").asText()
              + "/"
              + s.get("name").asText());
    }
    assertThat(found)
        .containsExactlyInAnyOrder(
            "MW0001 Deployment shop/checkout",
            "MW0002 Deployment catalog/catalog-api",
            "MW0003 Deployment shop/web",
            "MW0004 Deployment shop/cart",
            "MW0005 Deployment payments/ledger",
            "MW0006 Deployment payments/fraud-scorer",
            "MW0009 Namespace /payments",
            "MW0010 Namespace /payments",
            "MW0011 Namespace /search",
            "MW0012 Deployment reporting/nightly-report",
            "MW0013 Namespace /reporting",
            "MW0015 Deployment shop/cart",
            "MW0016 StatefulSet payments/vault-agent",
            "MW0017 Pod payments/vault-agent-0",
            "MW0021 MutatingWebhookConfiguration /istio-revision-tag-prod",
            "MW0034 Pod shop/cart-5c7d8e9f1-a1b2c",
            "MW0034 Pod shop/cart-5c7d8e9f1-d3e4f",
            "MW0100 Service shop/cart",
            "MW0103 Service shop/recommendations",
            "MW0110 Gateway shop/public",
            "MW0121 VirtualService shop/cart",
            "MW0129 VirtualService shop/storefront",
            "MW0140 ServiceEntry payments/card-network",
            "MW0150 WorkloadEntry payments/hsm-1",
            "MW0163 Sidecar catalog/default",
            "MW0170 VirtualService shop/web-canary");
  }

  @Test
  void printsFindingsInTheProtocolShapeSortedBySeverity() throws Exception {
    JsonNode findings = JSON.readTree(AnalyzeRun.of("-f", EXAMPLES, "-o", "json").out());
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            b ->
                b.schemaMappers(
                    m -> m.mapPrefix("https://meshwarden.io/schemas/", "classpath:schemas/")));
    JsonSchema schema =
        factory.getSchema(SchemaLocation.of("https://meshwarden.io/schemas/finding.schema.json"));

    List<String> severities = new ArrayList<>();
    for (JsonNode f : findings) {
      assertThat(schema.validate(f)).as(f.toString()).isEmpty();
      assertThat(f.get("state").asText()).isEqualTo("OPEN");
      severities.add(f.get("severity").asText());
    }
    assertThat(severities).isSortedAccordingTo((a, b) -> Integer.compare(rank(a), rank(b)));
    JsonNode drift = findByCode(findings, "MW0003");
    assertThat(drift.get("details").get("actualRevision").asText()).isEqualTo("1-23");
    assertThat(drift.get("details").get("expectedRevision").asText()).isEqualTo("1-24");
    assertThat(drift.get("details").get("affectedPods").asText()).isEqualTo("2");
  }

  private static int rank(String severity) {
    return List.of("CRITICAL", "ERROR", "WARNING", "INFO").indexOf(severity);
  }

  private static JsonNode findByCode(JsonNode findings, String code) {
    for (JsonNode f : findings) {
      if (f.get("code").asText().equals(code)) {
        return f;
      }
    }
    throw new AssertionError("no " + code);
  }
}
