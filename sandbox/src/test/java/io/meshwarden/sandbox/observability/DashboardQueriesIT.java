package io.meshwarden.sandbox.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.sandbox.observability.LiveStack.Faulty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Grafana dashboards in {@code deploy/grafana}: their variables and schema, and every panel
 * query against a real Prometheus scraping a sandbox run: the faulty run ({@link FaultyRun}) for
 * queries over a family that only appears on its first event (dead letters), the healthy run for
 * every other.
 */
@ExtendWith(LiveStack.Resolver.class)
class DashboardQueriesIT {

  /** One query of one panel. */
  record Query(String dashboard, String panel, String expr) {

    /** The query as Grafana would send it with every cluster selected. */
    String resolved() {
      return expr.replace("$cluster", ".*")
          .replace("$__rate_interval", "30s")
          .replace("$__range", "5m");
    }
  }

  private static final Pattern METRIC = Pattern.compile("\\b((?:meshwarden|kafka)_[a-z0-9_]+)\\b");
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<JsonNode> dashboards() throws Exception {
    List<JsonNode> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(Repo.deploy().resolve("grafana"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        all.add(JSON.readTree(p.toFile()));
      }
    }
    return all;
  }

  static List<Query> queries() throws Exception {
    List<Query> queries = new ArrayList<>();
    for (JsonNode d : dashboards()) {
      d.path("panels")
          .forEach(
              p ->
                  p.path("targets")
                      .forEach(
                          t ->
                              queries.add(
                                  new Query(
                                      d.path("title").asText(),
                                      p.path("title").asText(),
                                      t.path("expr").asText()))));
    }
    return queries;
  }

  @Test
  void bothDashboardsHaveClusterAndDatasourceVariablesOnACurrentSchema() throws Exception {
    List<JsonNode> dashboards = dashboards();
    assertThat(dashboards)
        .extracting(d -> d.path("title").asText())
        .containsExactlyInAnyOrder("Mesh injection overview", "meshwarden pipeline");
    for (JsonNode d : dashboards) {
      String title = d.path("title").asText();
      assertThat(d.path("schemaVersion").asInt()).as(title).isGreaterThanOrEqualTo(39);
      List<String> variables = new ArrayList<>();
      d.path("templating")
          .path("list")
          .forEach(v -> variables.add(v.path("name").asText() + ":" + v.path("type").asText()));
      assertThat(variables).as(title).contains("datasource:datasource", "cluster:query");
      d.path("panels")
          .forEach(
              p -> {
                assertThat(p.path("datasource").path("uid").asText())
                    .as(title + "/" + p.path("title"))
                    .isEqualTo("${datasource}");
                assertThat(p.path("targets")).as(title + "/" + p.path("title")).isNotEmpty();
                p.path("targets").forEach(t -> assertThat(t.path("expr").asText()).isNotBlank());
              });
    }
  }

  @Test
  void everyQueryNamesOnlyMetricsTheRolesExport(LiveStack stack) throws Exception {
    Set<String> exported = stack.sampleNames();
    Set<String> onFirstEvent = new TreeSet<>();
    MetricsCatalogueIT.catalogue().values().stream()
        .filter(e -> e.appears().equals("on first event"))
        .forEach(e -> onFirstEvent.add(e.name()));
    List<Query> queries = queries();
    assertThat(queries).hasSizeGreaterThan(15);
    for (Query q : queries) {
      Matcher m = METRIC.matcher(q.expr());
      assertThat(m.find()).as(q.panel() + " names a metric").isTrue();
      m.reset();
      while (m.find()) {
        assertThat(exported.contains(m.group(1)) || onFirstEvent.contains(m.group(1)))
            .as(q.dashboard() + "/" + q.panel() + " uses " + m.group(1) + ", which no role exports")
            .isTrue();
      }
    }
  }

  @Test
  void everyPanelQueryReturnsSeriesFromThePrometheusScrapingTheSandbox(
      LiveStack healthy, @Faulty LiveStack faulty) throws Exception {
    assumeTrue(
        healthy.prometheus() != null,
        "prometheus is not installed (apt-get install prometheus; .ci/run does it): skipping");
    Set<String> onFirstEvent = onFirstEvent();
    List<String> empty = new ArrayList<>();
    int onFaulty = 0;
    for (Query q : queries()) {
      LiveStack stack = namesAny(q, onFirstEvent) ? faulty : healthy;
      onFaulty += stack == faulty ? 1 : 0;
      JsonNode result = stack.prometheus().query(q.resolved()).path("result");
      // Printed for the closing note: each panel, the run, and the series it returned.
      System.out.printf(
          "%s / %s: %d series %s (%s run)%n",
          q.dashboard(),
          q.panel(),
          result.size(),
          labels(result),
          stack.run().name().toLowerCase(java.util.Locale.ROOT));
      if (result.isEmpty()) {
        empty.add(q.dashboard() + " / " + q.panel() + " (" + stack.run() + "): " + q.resolved());
      }
    }
    assertThat(onFaulty)
        .as("queries over dead-letter counters, checked on the faulty run")
        .isPositive();
    assertThat(empty).as("panel queries that returned no series").isEmpty();
  }

  private static Set<String> onFirstEvent() throws Exception {
    Set<String> names = new TreeSet<>();
    MetricsCatalogueIT.catalogue().values().stream()
        .filter(e -> e.appears().equals("on first event"))
        .forEach(e -> names.add(e.name()));
    return names;
  }

  /** Whether {@code q} names one of {@code metrics}. */
  private static boolean namesAny(Query q, Set<String> metrics) {
    Matcher m = METRIC.matcher(q.expr());
    while (m.find()) {
      if (metrics.contains(m.group(1))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> labels(JsonNode result) {
    List<String> out = new ArrayList<>();
    result.forEach(
        s -> out.add(s.path("metric").toString() + "=" + s.path("value").path(1).asText()));
    return out;
  }
}
