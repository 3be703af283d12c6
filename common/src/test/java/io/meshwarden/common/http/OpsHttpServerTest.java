package io.meshwarden.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.meshwarden.common.config.Redactor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsHttpServerTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HealthChecks checks = new HealthChecks(Redactor.of(List.of("hunter2-secret")));
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private OpsHttpServer server;

  @BeforeEach
  void start() {
    server =
        OpsHttpServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            registry,
            checks,
            Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    server.close();
    registry.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void bindsAnEphemeralPortWhenAskedForZero() {
    assertThat(server.port()).isPositive();
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void servesJvmAndCustomMetersAsPrometheusText() throws Exception {
    Meters.bindJvm(registry);
    Counter.builder(Meters.name("test.events"))
        .description("Events seen by the test.")
        .register(registry)
        .increment(3);

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .contains("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body().lines())
        .anyMatch(line -> line.startsWith("jvm_memory_used_bytes{"))
        .contains("# HELP meshwarden_test_events_total Events seen by the test.")
        .contains("meshwarden_test_events_total 3.0");
  }

  @Test
  void servesOpenMetricsWhenTheScraperAsksForIt() throws Exception {
    Counter.builder(Meters.name("test.events")).description("d").register(registry);

    HttpResponse<String> response =
        get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0, text/plain;q=0.5");

    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/openmetrics-text"));
    assertThat(response.body()).contains("meshwarden_test_events_total 0.0").endsWith("# EOF\n");
  }

  @Test
  void reportsNotReadyWhileACheckFailsAndReadyOnceItPasses() throws Exception {
    AtomicBoolean synced = new AtomicBoolean(false);
    checks.addReadiness(HealthCheck.of("informers", synced::get, "caches not synced yet"));
    checks.addReadiness(HealthCheck.of("kafka", HealthCheck.Result::up));

    HttpResponse<String> before = get("/readyz");
    synced.set(true);
    HttpResponse<String> after = get("/readyz");

    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(before.body())
        .isEqualTo(
            "[-]informers failed: caches not synced yet\n[+]kafka ok\nreadyz check failed\n");
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).isEqualTo("[+]informers ok\n[+]kafka ok\nreadyz check passed\n");
  }

  @Test
  void answersLivenessSeparatelyFromReadiness() throws Exception {
    checks.addLiveness(HealthCheck.of("loop", HealthCheck.Result::up));
    checks.addReadiness(HealthCheck.of("never", () -> HealthCheck.Result.down("not yet")));

    HttpResponse<String> response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("[+]loop ok\nhealthz check passed\n");
  }

  @Test
  void countsACheckThatThrowsAsFailingWithItsMessageButNoSecret() throws Exception {
    checks.addLiveness(
        HealthCheck.of(
            "broker-login",
            () -> {
              throw new IllegalStateException("login refused for hunter2-secret");
            }));

    HttpResponse<String> response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body())
        .contains("[-]broker-login failed: threw IllegalStateException: login refused for ******")
        .doesNotContain("hunter2");
  }

  @Test
  void answersUnknownPathsWith404AndWritesWith405() throws Exception {
    assertThat(get("/").statusCode()).isEqualTo(404);
    assertThat(get("/metricsz").statusCode()).isEqualTo(404);
    assertThat(get("/readyz/extra").statusCode()).isEqualTo(404);

    HttpResponse<String> post =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/readyz"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
  }

  @Test
  void letsARequestInFlightFinishWhenClosed() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    checks.addReadiness(
        HealthCheck.of(
            "slow",
            () -> {
              entered.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return HealthCheck.Result.up();
            }));
    CompletableFuture<HttpResponse<String>> inFlight =
        client.sendAsync(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/readyz"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !closing.isDone());
    release.countDown();

    assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    closing.get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> get("/readyz")).isInstanceOf(IOException.class);
  }
}
