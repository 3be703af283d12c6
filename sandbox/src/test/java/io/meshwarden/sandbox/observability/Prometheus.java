package io.meshwarden.sandbox.observability;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real Prometheus (Debian's {@code /usr/bin/prometheus}) on loopback, scraping each role instance
 * every second with the labels the ServiceMonitors add ({@code cluster}, {@code role}, {@code pod})
 * and evaluating {@code deploy/prometheus/rules.yaml}.
 */
final class Prometheus implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/prometheus");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final String url;
  private final HttpClient http = HttpClient.newHttpClient();

  private Prometheus(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** Starts Prometheus in {@code dir} scraping {@code targets} (instance name to metrics URL). */
  static Prometheus start(Path dir, Map<String, String> targets, Path rules) throws IOException {
    StringBuilder config = new StringBuilder();
    config.append("global: {scrape_interval: 1s, evaluation_interval: 1s}\n");
    config.append("rule_files: ['").append(rules.toAbsolutePath()).append("']\n");
    config.append("scrape_configs:\n  - job_name: meshwarden\n    honor_labels: true\n");
    config.append("    static_configs:\n");
    targets.forEach(
        (instance, metricsUrl) -> {
          URI uri = URI.create(metricsUrl);
          Instance i = Instance.of(instance);
          config
              .append("      - targets: ['")
              .append(uri.getHost())
              .append(':')
              .append(uri.getPort())
              .append("']\n        labels: {role: ")
              .append(i.role())
              .append(", pod: ")
              .append(instance)
              .append(i.cluster() == null ? "" : ", cluster: " + i.cluster())
              .append("}\n");
        });
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, config);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process process =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + file,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    Prometheus prometheus = new Prometheus(process, "http://127.0.0.1:" + port);
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> prometheus.get("/-/ready").statusCode() == 200);
    return prometheus;
  }

  /** An instant query; the {@code data} of a successful answer, or an exception with the error. */
  JsonNode query(String promql) throws IOException, InterruptedException {
    HttpResponse<String> response =
        get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    JsonNode body = JSON.readTree(response.body());
    if (!"success".equals(body.path("status").asText())) {
      throw new IllegalArgumentException(
          "query failed (" + body.path("error").asText() + "): " + promql);
    }
    return body.get("data");
  }

  /** The rule groups as Prometheus evaluates them ({@code /api/v1/rules}). */
  JsonNode rules() throws IOException, InterruptedException {
    return JSON.readTree(get("/api/v1/rules").body()).path("data").path("groups");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
