package io.meshwarden.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On files alone {@code analyze} assumes istioctl's default ingress gateway, so an application in
 * the shape of Istio's Bookinfo sample (its Gateway selects {@code istio=ingressgateway}) gets the
 * messages istioctl gives it: no gateway-selector error, and the warning that port 8080 is not on
 * the default gateway Service.
 */
class AnalyzeDefaultResourcesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SAMPLE = "src/test/resources/bookinfo-shape";

  @Test
  void bookinfoShapedSampleGetsNoGatewaySelectorError() throws Exception {
    List<String> findings = findings(AnalyzeRun.of("-f", SAMPLE, "-o", "json"));

    assertThat(findings).containsExactlyInAnyOrder("MW0111 IST0162 Gateway default/shop-gateway");
  }

  @Test
  void withoutDefaultResourcesTheGatewaySelectsNothing() throws Exception {
    List<String> findings =
        findings(AnalyzeRun.of("--no-default-resources", "-f", SAMPLE, "-o", "json"));

    assertThat(findings).contains("MW0110 IST0101 Gateway default/shop-gateway");
  }

  @Test
  void findingsNeverNameTheAssumedObjects() throws Exception {
    List<String> findings = findings(AnalyzeRun.of("-f", SAMPLE, "-o", "json"));

    assertThat(findings).noneMatch(f -> f.contains("istio-system/"));
  }

  private static List<String> findings(AnalyzeRun run) throws Exception {
    assertThat(run.err()).isEmpty();
    List<String> out = new ArrayList<>();
    for (JsonNode f : JSON.readTree(run.out())) {
      JsonNode s = f.get("subject");
      out.add(
          f.get("code").asText()
              + " "
              + f.path("istioCode").asText()
              + " "
              + s.get("kind").asText()
              + " "
              + s.path("namespace").asText()
              + "/"
              + s.get("name").asText());
    }
    return out;
  }
}
