package io.meshwarden.sandbox.observability;

import static org.awaitility.Awaitility.await;

import io.meshwarden.sandbox.RunningSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One short sandbox run shared by every observability IT of the JVM, and (where Debian's {@code
 * prometheus} is installed) a real Prometheus scraping each of its role instances and evaluating
 * the alert rules. Started on first use, once the pipeline has found, alerted on and corrected
 * drift; closed when the test run ends.
 */
final class LiveStack implements ExtensionContext.Store.CloseableResource {

  /** Injects the shared {@link LiveStack} into a test method or constructor. */
  static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == LiveStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getRoot()
          .getStore(ExtensionContext.Namespace.create(LiveStack.class))
          .getOrComputeIfAbsent(LiveStack.class, k -> LiveStack.start(), LiveStack.class);
    }
  }

  private static final Pattern FAMILY =
      Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE);
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)", Pattern.MULTILINE);

  private final RunningSandbox sandbox;
  private final Path dir;
  private Prometheus prometheus;
  private final Map<String, String> scrapes = new TreeMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  private LiveStack(RunningSandbox sandbox, Path dir) {
    this.sandbox = sandbox;
    this.dir = dir;
  }

  private static LiveStack start() {
    RunningSandbox sandbox = RunningSandbox.start();
    LiveStack stack;
    try {
      stack = new LiveStack(sandbox, Files.createTempDirectory("meshwarden-observability"));
    } catch (IOException e) {
      sandbox.close();
      throw new java.io.UncheckedIOException(e);
    }
    try {
      if (Prometheus.installed()) {
        stack.prometheus =
            Prometheus.start(
                stack.dir, sandbox.metricsUrls(), Repo.deploy().resolve("prometheus/rules.yaml"));
      }
      stack.awaitSettled();
      return stack;
    } catch (Exception e) {
      stack.close();
      throw new IllegalStateException("could not start the sandbox and Prometheus", e);
    }
  }

  /**
   * Waits until every cluster corrected a drift (its executor counted a SUCCEEDED remediation) and
   * alerting delivered; then Prometheus has scraped all of it for at least a few seconds.
   */
  private void awaitSettled() throws Exception {
    await()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofSeconds(1))
        .until(this::settled);
    if (prometheus != null) {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  prometheus
                          .query("count(meshwarden_remediation_total{outcome=\"SUCCEEDED\"})")
                          .path("result")
                          .path(0)
                          .path("value")
                          .path(1)
                          .asInt()
                      == sandbox.clusters().size());
    }
    scrapeAll();
  }

  private boolean settled() throws Exception {
    scrapeAll();
    boolean corrected =
        sandbox.clusters().stream()
            .allMatch(
                c ->
                    scrapes
                        .getOrDefault(c + "-executor", "")
                        .contains("meshwarden_remediation_total{outcome=\"SUCCEEDED\""));
    boolean delivered =
        Pattern.compile(
                "^meshwarden_alerting_notifications_sent_total\\{.*\\} [1-9]", Pattern.MULTILINE)
            .matcher(scrapes.getOrDefault("alerting", ""))
            .find();
    return corrected && delivered;
  }

  private void scrapeAll() throws IOException, InterruptedException {
    for (Map.Entry<String, String> e : sandbox.metricsUrls().entrySet()) {
      scrapes.put(
          e.getKey(),
          http.send(
                  HttpRequest.newBuilder(URI.create(e.getValue()))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body());
    }
  }

  /** Instance name to the text of its last scrape (taken once the pipeline settled). */
  Map<String, String> scrapes() {
    return scrapes;
  }

  /** Family name ({@code # TYPE} line) to its type, over every instance's scrape. */
  Map<String, String> families() {
    Map<String, String> families = new TreeMap<>();
    scrapes
        .values()
        .forEach(
            text -> {
              Matcher m = FAMILY.matcher(text);
              while (m.find()) {
                families.put(m.group(1), m.group(2));
              }
            });
    return families;
  }

  /** Every sample name in every scrape (a histogram's {@code _bucket}, {@code _sum}...). */
  Set<String> sampleNames() {
    Set<String> names = new TreeSet<>();
    scrapes
        .values()
        .forEach(
            text -> {
              Matcher m = SAMPLE.matcher(text);
              while (m.find()) {
                names.add(m.group(1));
              }
            });
    return names;
  }

  /** The Prometheus scraping the sandbox, or null where it is not installed. */
  Prometheus prometheus() {
    return prometheus;
  }

  @Override
  public void close() {
    try {
      if (prometheus != null) {
        prometheus.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sandbox.close();
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }
}
