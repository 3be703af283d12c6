package io.meshwarden.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Selectors on labels outside Istio's own keys ({@code tier}, {@code example.com/owner}) are judged
 * on files as Istio judges them: the projection keeps every label, so a selector on such a key
 * matches the pods that carry it and is reported when none does (as istioctl, these rules count
 * pods, not pod templates).
 */
class AnalyzeFullLabelsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String WORKLOAD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: api-0
        namespace: shop
        labels: {app: api, tier: backend, example.com/owner: alice}
      spec: {containers: [{name: api, image: api:1}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: api, namespace: shop}
      spec: {selector: {app: api}, ports: [{name: http, port: 80}]}
      """;

  @TempDir Path dir;

  @Test
  void aSidecarSelectingATierTheWorkloadCarriesSelectsIt() throws Exception {
    List<String> findings = analyze(WORKLOAD + sidecar("backend-only", "tier: backend"));

    assertThat(findings).doesNotContain("MW0162 Sidecar shop/backend-only");
  }

  @Test
  void aSidecarSelectingATierNoWorkloadCarriesIsReported() throws Exception {
    List<String> findings = analyze(WORKLOAD + sidecar("cache-only", "tier: cache"));

    assertThat(findings).contains("MW0162 Sidecar shop/cache-only");
  }

  @Test
  void aSidecarSelectingADomainPrefixedLabelSelectsTheWorkload() throws Exception {
    List<String> findings = analyze(WORKLOAD + sidecar("owned", "example.com/owner: alice"));

    assertThat(findings).doesNotContain("MW0162 Sidecar shop/owned");
  }

  @Test
  void aDestinationRuleSubsetOnATierIsJudgedAgainstTheWorkloadsTier() throws Exception {
    String rule =
        """
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: api, namespace: shop}
        spec:
          host: api
          subsets:
          - {name: backend, labels: {tier: backend}}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: api-cache, namespace: shop}
        spec:
          host: api
          subsets:
          - {name: cache, labels: {tier: cache}}
        """;

    List<String> findings = analyze(WORKLOAD + rule);

    assertThat(findings)
        .contains("MW0130 DestinationRule shop/api-cache")
        .doesNotContain("MW0130 DestinationRule shop/api");
  }

  private static String sidecar(String name, String label) {
    return """
        ---
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: %s, namespace: shop}
        spec:
          workloadSelector: {labels: {%s}}
          egress: [{hosts: ["./*"]}]
        """
        .formatted(name, label);
  }

  /** The findings of {@code analyze -o json} on {@code yaml}, as {@code CODE Kind ns/name}. */
  private List<String> analyze(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("input.yaml"), yaml);
    AnalyzeRun run = AnalyzeRun.of("-f", file.toString(), "-o", "json");
    assertThat(run.err()).isEmpty();
    List<String> out = new ArrayList<>();
    for (JsonNode f : JSON.readTree(run.out())) {
      JsonNode s = f.get("subject");
      out.add(
          f.get("code").asText()
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
