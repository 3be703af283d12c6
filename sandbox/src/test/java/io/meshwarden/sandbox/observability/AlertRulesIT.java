package io.meshwarden.sandbox.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code deploy/prometheus/rules.yaml}: promtool's checks and unit tests, then every rule on a real
 * Prometheus scraping a sandbox run, where the only drift left is a namespace under an audit-only
 * policy (prod-eu/search, no sidecars): the coverage rule must go pending for it and every other
 * rule must stay quiet. {@link FaultyAlertsIT} shows the other rules firing in a faulty run.
 */
@ExtendWith(LiveStack.Resolver.class)
class AlertRulesIT {

  static final Path RULES = Repo.deploy().resolve("prometheus/rules.yaml");
  private static final Pattern METRIC = Pattern.compile("\\b((?:meshwarden|kafka)_[a-z0-9_]+)\\b");

  /** Rule name to its expression, as written in rules.yaml. */
  static Map<String, String> rules() throws Exception {
    JsonNode doc = new YAMLMapper().readTree(RULES.toFile());
    Map<String, String> rules = new LinkedHashMap<>();
    doc.path("groups")
        .forEach(
            g ->
                g.path("rules")
                    .forEach(r -> rules.put(r.path("alert").asText(), r.path("expr").asText())));
    return rules;
  }

  @Test
  void rulesPassPromtoolCheckRules() throws Exception {
    Promtool.assumeInstalled();
    Promtool.Result result = Promtool.run(Repo.root(), "check", "rules", RULES.toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: " + rules().size() + " rules found");
  }

  @Test
  void everyRuleFiresInItsUnitTestScenarioAndNotInItsNearMiss() throws Exception {
    Promtool.assumeInstalled();
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    try (Stream<Path> tests = Files.list(RULES.resolveSibling("tests"))) {
      tests
          .filter(p -> p.toString().endsWith(".yaml"))
          .sorted()
          .map(Path::toString)
          .forEach(args::add);
    }
    assertThat(args).hasSizeGreaterThan(2);
    Promtool.Result result = Promtool.run(Repo.root(), args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.output()).isZero();
    // Each alert has a test that expects it to fire (and the same test checks a quiet time first).
    String tested = readAll(RULES.resolveSibling("tests"));
    for (String alert : rules().keySet()) {
      assertThat(tested)
          .as("a promtool test of " + alert)
          .contains("alertname: " + alert + "\n        exp_alerts:\n          - exp_labels");
      assertThat(tested)
          .as("a quiet evaluation of " + alert)
          .contains("alertname: " + alert + "\n        exp_alerts: []");
    }
  }

  @Test
  void everyRuleNamesOnlyMetricsTheRolesExport(LiveStack stack) throws Exception {
    Set<String> exported = stack.sampleNames();
    Set<String> used = new TreeSet<>();
    rules()
        .values()
        .forEach(
            expr -> {
              Matcher m = METRIC.matcher(expr);
              while (m.find()) {
                used.add(m.group(1));
              }
            });
    Set<String> documentedOnFirstEvent = new TreeSet<>();
    MetricsCatalogueIT.catalogue().values().stream()
        .filter(e -> e.appears().equals("on first event"))
        .forEach(e -> documentedOnFirstEvent.add(e.name()));
    assertThat(used).hasSizeGreaterThan(10);
    assertThat(used)
        .as(
            "metric names in rules.yaml that no sandbox role exports (nor registers on a first event)")
        .allMatch(n -> exported.contains(n) || documentedOnFirstEvent.contains(n));
  }

  @Test
  void onlyTheCoverageRuleFiresOnTheSandboxAndEveryRuleEvaluatesCleanly(LiveStack stack)
      throws Exception {
    assumeTrue(
        stack.prometheus() != null,
        "prometheus is not installed (apt-get install prometheus; .ci/run does it): skipping");
    Prometheus prometheus = stack.prometheus();
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              JsonNode coverage =
                  prometheus.query(rules().get("MeshwardenInjectionCoverageLow")).path("result");
              assertThat(coverage).hasSize(1);
              assertThat(coverage.get(0).path("metric").path("cluster").asText())
                  .isEqualTo("prod-eu");
              assertThat(coverage.get(0).path("metric").path("namespace").asText())
                  .isEqualTo("search");
            });
    for (Map.Entry<String, String> rule : rules().entrySet()) {
      JsonNode result = prometheus.query(rule.getValue()).path("result");
      if (!rule.getKey().equals("MeshwardenInjectionCoverageLow")) {
        assertThat(result).as(rule.getKey() + " on a healthy sandbox: " + result).isEmpty();
      }
    }
    // Prometheus loaded the same file and evaluates it every second: no rule errors, and the
    // coverage alert is pending (its for: is 15 minutes) for prod-eu/search only.
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              Map<String, JsonNode> loaded = new LinkedHashMap<>();
              prometheus
                  .rules()
                  .forEach(
                      g -> g.path("rules").forEach(r -> loaded.put(r.path("name").asText(), r)));
              assertThat(loaded.keySet()).containsExactlyInAnyOrderElementsOf(rules().keySet());
              loaded.forEach(
                  (name, r) ->
                      assertThat(r.path("health").asText())
                          .as(name + ": " + r.path("lastError"))
                          .isEqualTo("ok"));
              JsonNode coverage = loaded.get("MeshwardenInjectionCoverageLow");
              assertThat(coverage.path("state").asText()).isEqualTo("pending");
              assertThat(coverage.path("alerts")).hasSize(1);
              loaded.forEach(
                  (name, r) -> {
                    if (!name.equals("MeshwardenInjectionCoverageLow")) {
                      assertThat(r.path("state").asText()).as(name).isEqualTo("inactive");
                    }
                  });
            });
  }

  private static String readAll(Path dir) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        all.append(Files.readString(p));
      }
    }
    return all.toString();
  }
}
