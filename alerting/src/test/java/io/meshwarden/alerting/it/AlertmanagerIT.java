package io.meshwarden.alerting.it;

import static io.meshwarden.alerting.Fixtures.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.alerting.AlertingRuntime;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kafka.WithKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real Alertmanager of Debian's {@code prometheus-alertmanager}, on loopback. */
@WithKafka
class AlertmanagerIT {

  static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

  @TempDir Path dir;
  Process alertmanager;
  String url;

  @BeforeEach
  void startAlertmanager() throws Exception {
    assumeTrue(
        Files.isExecutable(BINARY),
        "prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager; .ci/run"
            + " does it): skipping the Alertmanager tests");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("am.yml");
    // A short resolve_timeout: an open alert must stay active past it because alerting re-sends it.
    Files.writeString(
        config,
        """
        global: {resolve_timeout: 3s}
        route: {receiver: blackhole}
        receivers: [{name: blackhole}]
        """);
    alertmanager =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("am.log").toFile())
            .start();
    url = "http://127.0.0.1:" + port;
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> get("/-/ready") != null);
  }

  @AfterEach
  void stopAlertmanager() throws InterruptedException {
    if (alertmanager != null) {
      alertmanager.destroy();
      alertmanager.waitFor();
    }
  }

  @Test
  void openFindingIsActiveWithLabelsStaysPastResolveTimeoutAndResolves(KafkaCluster kafka)
      throws Exception {
    String routing =
        """
        receivers:
          - name: am
            alertmanager: {urls: ["%s"], resend_interval: 1s}
        route:
          receiver: am
          group_by: [cluster, namespace, code]
          group_wait: 0s
          group_interval: 100ms
        """
            .formatted(url);
    try (ItSupport it = new ItSupport(kafka, "am");
        AlertingRuntime runtime = it.start(it.config(routing))) {
      it.publish(finding("web-1").build());
      await().atMost(Duration.ofSeconds(30)).until(() -> alerts().size() == 1);
      JsonNode alert = alerts().get(0);
      assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("MW0101");
      assertThat(alert.get("labels").get("cluster").asText()).isEqualTo("prod-eu");
      assertThat(alert.get("labels").get("namespace").asText()).isEqualTo("shop");
      assertThat(alert.get("labels").get("kind").asText()).isEqualTo("Pod");
      assertThat(alert.get("labels").get("name").asText()).isEqualTo("web-1");
      assertThat(alert.get("labels").get("severity").asText()).isEqualTo("error");
      assertThat(alert.get("labels").get("team").asText()).isEqualTo("payments");
      assertThat(alert.get("annotations").get("summary").asText()).contains("web-1");
      assertThat(alert.get("annotations").get("runbook_url").asText()).endsWith("/mw0101");
      assertThat(alert.get("generatorURL").asText())
          .contains(finding("web-1").build().fingerprint());

      // Twice Alertmanager's resolve_timeout: still active, because alerting re-sends it.
      await()
          .during(Duration.ofSeconds(6))
          .atMost(Duration.ofSeconds(8))
          .until(() -> alerts().size() == 1);

      it.publish(finding("web-1").resolved().build());
      await().atMost(Duration.ofSeconds(30)).until(() -> alerts().isEmpty());
    }
  }

  private List<JsonNode> alerts() throws Exception {
    JsonNode all =
        new ObjectMapper().readTree(get("/api/v2/alerts?filter=alertname%3D%22MW0101%22"));
    List<JsonNode> out = new java.util.ArrayList<>();
    all.forEach(out::add);
    return out;
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? r.body() : null;
  }
}
