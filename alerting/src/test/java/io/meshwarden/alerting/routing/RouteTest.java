package io.meshwarden.alerting.routing;

import static io.meshwarden.alerting.Fixtures.finding;
import static io.meshwarden.alerting.Fixtures.routing;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.alerting.config.RoutingConfig;
import io.meshwarden.common.protocol.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTest {

  static final RoutingConfig CONFIG =
      routing(
          """
          receivers:
            - {name: default, webhook: {url: "http://localhost:1/d"}}
            - {name: pager, webhook: {url: "http://localhost:1/p"}}
            - {name: payments, webhook: {url: "http://localhost:1/pay"}}
            - {name: staging, webhook: {url: "http://localhost:1/s"}}
          route:
            receiver: default
            group_by: [cluster, namespace, code]
            group_wait: 1s
            routes:
              - matchers: ['severity=~"critical|error"', 'cluster!~"stag.*"']
                receiver: pager
                continue: true
                group_wait: 0s
              - match: {team: payments}
                receiver: payments
              - match_re: {cluster: "stag.*"}
                receiver: staging
          """);

  @ParameterizedTest(name = "{0}/{1}/{2}/{3} -> {4}")
  @CsvSource({
    // cluster, severity, team, namespace, receivers
    "prod-eu, ERROR, payments, shop, pager+payments",
    "prod-eu, WARNING, payments, shop, payments", // near miss: severity below error
    "prod-eu, CRITICAL, search, shop, pager", // continue, nothing else: the root stays out
    "prod-eu, INFO, search, shop, default", // nothing matches: the root takes it
    "staging-1, CRITICAL, search, shop, staging", // near miss for pager: staging cluster
    "staging-1, CRITICAL, payments, shop, payments", // first match without continue wins
  })
  void routesLikeAlertmanager(
      String cluster, Severity severity, String team, String ns, String expected) {
    var alert =
        finding("web-1")
            .inCluster(cluster)
            .withSeverity(severity)
            .inNamespace(ns)
            .withLabels(Map.of("team", team))
            .alert();
    List<String> receivers =
        CONFIG.route().match(alert.labels()).stream().map(Route::receiver).toList();
    assertThat(String.join("+", receivers)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "'team=\"payments\"', payments, true",
    "'team=\"payments\"', search, false",
    "'team!=payments', search, true",
    "'team=~\"pay.*\"', payments, true",
    "'team=~\"pay\"', payments, false", // anchored
    "'team!~\"pay.*\"', payments, false",
  })
  void parsesMatchers(String text, String team, boolean matches) {
    assertThat(Matcher.parse(text).matches(Map.of("team", team))).isEqualTo(matches);
  }

  @org.junit.jupiter.api.Test
  void childRoutesInheritGroupingUnlessTheyOverrideIt() {
    Route pager = CONFIG.route().routes().get(0);
    Route payments = CONFIG.route().routes().get(1);
    assertThat(pager.group().groupWait()).isZero();
    assertThat(payments.group().groupWait()).isEqualTo(Duration.ofSeconds(1));
    assertThat(payments.group().groupBy()).containsExactly("cluster", "namespace", "code");
    assertThat(payments.id()).isEqualTo("0.1");
  }
}
