package io.meshwarden.sandbox.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.sandbox.observability.LiveStack.Faulty;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every alert rule a short run can reach, shown firing on a real Prometheus scraping the faulty
 * sandbox run ({@link FaultyRun}), each for exactly the cluster, role, receiver or pod its fault
 * hit; and, named with the reason, the rules a short run cannot reach, whose firing evidence is
 * their promtool unit test (deploy/prometheus/tests). {@link AlertRulesIT} shows all of them quiet
 * on the healthy run.
 */
@ExtendWith(LiveStack.Resolver.class)
class FaultyAlertsIT {

  /** Rule to the label sets its expression returns in the faulty run. */
  static final Map<String, Set<Map<String, String>>> FIRED_IN_FAULTY_RUN =
      Map.of(
          "MeshwardenDeadLetters",
          Set.of(
              Map.of("cluster", "prod-eu", "role", "reconciler"),
              Map.of("cluster", "prod-eu", "role", "executor"),
              Map.of("role", "alerting")),
          "MeshwardenAlertDeliveriesFailing",
          Set.of(Map.of("receiver", FaultyRun.FAILING_RECEIVER)),
          "MeshwardenRemediationBreakerOpen",
          Set.of(Map.of("cluster", FaultyRun.BREAKER_CLUSTER)),
          "MeshwardenWatcherNoLeader",
          Set.of(Map.of("cluster", FaultyRun.LEADERLESS_CLUSTER)),
          "MeshwardenReconcilerStreamsNotRunning",
          Set.of(Map.of("cluster", "prod-us", "pod", "prod-us-reconciler-0")));

  /** Rules the healthy run fires live ({@link AlertRulesIT}). */
  static final Set<String> FIRED_IN_HEALTHY_RUN = Set.of("MeshwardenInjectionCoverageLow");

  /** Rules no short run reaches, and why: their promtool unit tests show them firing. */
  static final Map<String, String> FIRED_ONLY_IN_PROMTOOL_TESTS =
      Map.of(
          "MeshwardenWatcherPublishingStalled",
          "needs a leader with keys waiting and no commit for over 5 minutes, then for: 5m",
          "MeshwardenReconcilerLagGrowing",
          "needs a lag above 1000 records still rising over a 10-minute derivative, then for: 10m",
          "MeshwardenEndToEndLatencyHigh",
          "needs a p99 fact-to-finding latency above 30 s for 10 minutes; the sandbox's p99 is about"
              + " 1 s (its findings' 10 s hold is not counted)");

  @Test
  void everyRuleFiresLiveOrIsListedWithWhyOnlyItsPromtoolTestCanFireIt() throws Exception {
    Set<String> rules = AlertRulesIT.rules().keySet();
    Map<String, Integer> listed = new TreeMap<>();
    FIRED_IN_FAULTY_RUN.keySet().forEach(r -> listed.merge(r, 1, Integer::sum));
    FIRED_IN_HEALTHY_RUN.forEach(r -> listed.merge(r, 1, Integer::sum));
    FIRED_ONLY_IN_PROMTOOL_TESTS.keySet().forEach(r -> listed.merge(r, 1, Integer::sum));

    assertThat(listed.keySet())
        .as("rules in neither the live-fired lists nor the promtool-only list, or unknown names")
        .containsExactlyInAnyOrderElementsOf(rules);
    assertThat(listed).as("rules listed twice").allSatisfy((rule, n) -> assertThat(n).isOne());
    // Printed for the closing note.
    FIRED_ONLY_IN_PROMTOOL_TESTS.forEach(
        (rule, why) -> System.out.printf("promtool tests only / %s: %s%n", rule, why));
  }

  @Test
  void eachFaultFiresItsRuleForExactlyWhatItHit(@Faulty LiveStack stack) throws Exception {
    assumeTrue(
        stack.prometheus() != null,
        "prometheus is not installed (apt-get install prometheus; .ci/run does it): skipping");
    Prometheus prometheus = stack.prometheus();
    Map<String, String> rules = AlertRulesIT.rules();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              Map<String, Set<Map<String, String>>> returned = new TreeMap<>();
              for (String rule : FIRED_IN_FAULTY_RUN.keySet()) {
                returned.put(rule, labelSets(prometheus.query(rules.get(rule)).path("result")));
              }
              assertThat(returned).isEqualTo(new TreeMap<>(FIRED_IN_FAULTY_RUN));
            });
    // Prometheus evaluates the loaded file itself: each rule is pending (firing at once where it
    // has no for:) with an alert per expected label set.
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              Map<String, JsonNode> loaded = loadedRules(prometheus);
              FIRED_IN_FAULTY_RUN.forEach(
                  (name, expected) -> {
                    JsonNode r = loaded.get(name);
                    assertThat(r.path("health").asText()).as(name).isEqualTo("ok");
                    assertThat(r.path("state").asText())
                        .as(name)
                        .isIn(
                            r.path("duration").asInt() == 0 ? Set.of("firing") : pendingOrFiring());
                    Set<Map<String, String>> alerts = new HashSet<>();
                    r.path("alerts").forEach(a -> alerts.add(alertLabels(a.path("labels"))));
                    assertThat(alerts).as(name + " alerts").isEqualTo(expected);
                  });
            });
    Map<String, JsonNode> loaded = loadedRules(prometheus);
    // Printed for the closing note: each rule, its state and what it fired for.
    for (String name : new TreeSet<>(FIRED_IN_FAULTY_RUN.keySet())) {
      JsonNode r = loaded.get(name);
      Set<String> alerts = new TreeSet<>();
      r.path("alerts").forEach(a -> alerts.add(alertLabels(a.path("labels")).toString()));
      System.out.printf("faulty run / %s: %s %s%n", name, r.path("state").asText(), alerts);
    }
  }

  @Test
  void rulesAShortRunCannotReachStayQuietInTheFaultyRun(@Faulty LiveStack stack) throws Exception {
    assumeTrue(
        stack.prometheus() != null,
        "prometheus is not installed (apt-get install prometheus; .ci/run does it): skipping");
    Map<String, String> rules = AlertRulesIT.rules();
    Map<String, JsonNode> loaded = loadedRules(stack.prometheus());
    for (String name : FIRED_ONLY_IN_PROMTOOL_TESTS.keySet()) {
      assertThat(stack.prometheus().query(rules.get(name)).path("result")).as(name).isEmpty();
      assertThat(loaded.get(name).path("health").asText()).as(name).isEqualTo("ok");
      assertThat(loaded.get(name).path("state").asText()).as(name).isEqualTo("inactive");
    }
  }

  private static Set<String> pendingOrFiring() {
    return Set.of("pending", "firing");
  }

  private static Map<String, JsonNode> loadedRules(Prometheus prometheus) throws Exception {
    Map<String, JsonNode> loaded = new LinkedHashMap<>();
    prometheus
        .rules()
        .forEach(g -> g.path("rules").forEach(r -> loaded.put(r.path("name").asText(), r)));
    return loaded;
  }

  /** Each series' labels ({@code sum by} leaves only the ones the rule groups by). */
  static Set<Map<String, String>> labelSets(JsonNode result) {
    Set<Map<String, String>> sets = new HashSet<>();
    result.forEach(s -> sets.add(labels(s.path("metric"))));
    return sets;
  }

  /** An alert's labels without the two every alert of a rule shares. */
  private static Map<String, String> alertLabels(JsonNode labels) {
    Map<String, String> out = labels(labels);
    out.remove("alertname");
    out.remove("severity");
    return out;
  }

  private static Map<String, String> labels(JsonNode object) {
    Map<String, String> out = new TreeMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
