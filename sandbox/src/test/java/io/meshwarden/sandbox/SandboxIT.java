package io.meshwarden.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class SandboxIT {

  @Test
  void findsEverySeededDriftCorrectsWhatPolicyAllowsAndAlerts() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (Sandbox sandbox =
        Sandbox.start(
            new SandboxOptions(List.of("prod-eu", "prod-us"), 0),
            new PrintStream(printed, true, StandardCharsets.UTF_8))) {

      try (Admin admin =
          Admin.create(
              java.util.Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers()))) {
        Set<String> topics = admin.listTopics().names().get();
        assertThat(topics)
            .contains(
                "mw.prod-eu.objects",
                "mw.prod-us.objects",
                "mw.prod-eu.mesh",
                "mw.findings",
                "mw.remediations");
      }
      assertThat(
              sandbox
                  .clusters()
                  .get("prod-eu")
                  .simulated()
                  .client()
                  .namespaces()
                  .withName("shop")
                  .get()
                  .getMetadata()
                  .getLabels())
          .containsEntry("istio-injection", "enabled");
      await()
          .atMost(java.time.Duration.ofSeconds(60))
          .until(() -> sandbox.clusters().values().stream().allMatch(c -> c.published() > 20));
      assertThat(sandbox.clusters().get("prod-us").leader()).startsWith("prod-us-watcher-");
      await()
          .atMost(java.time.Duration.ofSeconds(90))
          .until(() -> sandbox.clusters().values().stream().allMatch(c -> c.openFindings() > 0));
      await()
          .atMost(java.time.Duration.ofSeconds(60))
          .until(() -> sandbox.alerting().alertsFiring() > 0);
      await()
          .atMost(java.time.Duration.ofSeconds(150))
          .pollInterval(java.time.Duration.ofSeconds(2))
          .until(() -> sandbox.summary().allAsExpected());
      DriftSummary summary = sandbox.summary();
      assertThat(summary.rows()).hasSize(8).allMatch(DriftSummary.Row::ok);
      assertThat(summary.rows())
          .filteredOn(r -> r.drift().expect().equals("corrected"))
          .hasSize(4)
          .allMatch(r -> r.outcome().startsWith("corrected"));
      assertThat(summary.rows())
          .filteredOn(r -> r.drift().expect().equals("untouched"))
          .extracting(DriftSummary.Row::outcome)
          .containsExactlyInAnyOrder("left alone (opted-out)", "left alone (audit-mode)");
      HttpResponse<String> ready =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + sandbox.httpPort() + "/readyz"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(200);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("meshwarden sandbox is up")
        .contains("cluster prod-eu")
        .contains("remediation            1 executor per cluster")
        .contains("ALERT firing");
  }

  @Test
  void rejectsAClusterNameThatCannotNameATopic() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new SandboxOptions(List.of("Prod_EU"), 0))
        .hasMessageContaining("DNS-1123");
  }
}
