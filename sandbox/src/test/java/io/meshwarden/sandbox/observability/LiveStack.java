package io.meshwarden.sandbox.observability;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.sandbox.RunningSandbox;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
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
 * A short sandbox run shared by every observability IT of the JVM, and (where Debian's {@code
 * prometheus} is installed) a real Prometheus scraping each of its role instances and evaluating
 * the alert rules. There are two runs, each started on first use and closed when the test run ends:
 * the {@link Run#HEALTHY healthy} one, once the pipeline has found, alerted on and corrected drift;
 * and the {@link Run#FAULTY faulty} one ({@link FaultyRun}), once every injected fault shows in the
 * roles' metrics.
 */
final class LiveStack implements ExtensionContext.Store.CloseableResource {

  /** Which sandbox run a stack is. */
  enum Run {
    HEALTHY,
    FAULTY
  }

  /** Asks for the faulty run's stack rather than the healthy one's. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  @interface Faulty {}

  /**
   * Injects a shared {@link LiveStack} into a test method or constructor: the faulty run's where
   * the parameter is annotated {@link Faulty}, else the healthy run's.
   */
  static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == LiveStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      Run run = parameter.isAnnotated(Faulty.class) ? Run.FAULTY : Run.HEALTHY;
      return context
          .getRoot()
          .getStore(ExtensionContext.Namespace.create(LiveStack.class))
          .getOrComputeIfAbsent(run, LiveStack::start, LiveStack.class);
    }
  }

  private static final Pattern FAMILY =
      Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE);
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)", Pattern.MULTILINE);

  private final Run run;
  private final RunningSandbox sandbox;
  private final Path dir;
  private Prometheus prometheus;
  private final Map<String, String> scrapes = new TreeMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  private LiveStack(Run run, RunningSandbox sandbox, Path dir) {
    this.run = run;
    this.sandbox = sandbox;
    this.dir = dir;
  }

  private static LiveStack start(Run run) {
    Path dir;
    try {
      dir =
          Files.createTempDirectory(
              "meshwarden-observability-" + run.name().toLowerCase(java.util.Locale.ROOT));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    long started = System.nanoTime();
    LiveStack stack;
    try {
      stack =
          new LiveStack(
              run,
              RunningSandbox.start(
                  run == Run.FAULTY ? FaultyRun.options(dir) : RunningSandbox.defaults()),
              dir);
    } catch (RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
    try {
      if (Prometheus.installed()) {
        stack.prometheus =
            Prometheus.start(
                stack.dir,
                stack.sandbox.metricsUrls(),
                Repo.deploy().resolve("prometheus/rules.yaml"));
      }
      if (run == Run.FAULTY) {
        // Counters that exist from the start must be scraped at 0 before they move, or
        // increase() and rate() see no change.
        stack.awaitScrapedAfter(System.currentTimeMillis());
        FaultyRun.inject(stack.sandbox);
        stack.awaitFaultsShown();
      } else {
        stack.awaitSettled();
      }
      // Printed for the closing note: what each run costs.
      System.out.printf(
          "%s run settled in %d s%n",
          run, Duration.ofNanos(System.nanoTime() - started).toSeconds());
      return stack;
    } catch (Exception e) {
      stack.close();
      throw new IllegalStateException("could not start the " + run + " sandbox and Prometheus", e);
    }
  }

  /** Waits until every role instance shows the effect of its fault, and Prometheus has it too. */
  private void awaitFaultsShown() throws Exception {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              scrapeAll();
              return FaultyRun.settled(scrapes);
            });
    awaitScrapedAfter(System.currentTimeMillis());
    scrapeAll();
  }

  /** Waits until Prometheus has scraped every target after {@code epochMillis}. */
  private void awaitScrapedAfter(long epochMillis) {
    if (prometheus == null) {
      return;
    }
    double after = epochMillis / 1000.0;
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              JsonNode oldest = prometheus.query("min(timestamp(up == 1))").path("result");
              JsonNode count = prometheus.query("count(up == 1)").path("result");
              return oldest.size() == 1
                  && count.size() == 1
                  && oldest.get(0).path("value").path(1).asDouble() > after
                  && count.get(0).path("value").path(1).asInt() == sandbox.metricsUrls().size();
            });
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

  /** Which run this is. */
  Run run() {
    return run;
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
