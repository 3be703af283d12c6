package io.meshwarden.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyParserTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode policy(String specJson) {
    return policy("p", specJson);
  }

  static JsonNode policy(String name, String specJson) {
    try {
      return JSON.readTree(
          "{\"apiVersion\":\"meshwarden.io/v1alpha1\",\"kind\":\"InjectionPolicy\","
              + "\"metadata\":{\"name\":\""
              + name
              + "\",\"generation\":3},\"spec\":"
              + specJson
              + "}");
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void anEmptySpecIsAnAuditPolicyWithSafeDefaults() {
    ParsedPolicy parsed = PolicyParser.parse(policy("{}"));

    assertThat(parsed).isInstanceOf(ParsedPolicy.Valid.class);
    InjectionPolicy p = ((ParsedPolicy.Valid) parsed).policy();
    assertThat(p.mode()).isEqualTo(InjectionPolicy.Mode.AUDIT);
    assertThat(p.generation()).isEqualTo(3);
    assertThat(p.requireInjection()).isTrue();
    assertThat(p.remediation()).isEqualTo(RemediationSettings.DEFAULTS);
    assertThat(p.covers(Map.of("any", "ns"), Map.of())).isTrue();
  }

  @Test
  void readsEveryField() {
    ParsedPolicy parsed =
        PolicyParser.parse(
            policy(
                """
                {"namespaceSelector": {"matchLabels": {"team": "shop"}},
                 "workloadSelector": {"matchExpressions": [
                   {"key": "tier", "operator": "NotIn", "values": ["batch"]}]},
                 "requireInjection": false, "revision": "1-24-0", "mode": "enforce",
                 "remediation": {"maxConcurrent": 4, "maxConcurrentPerNamespace": 2,
                   "canary": true, "waveSize": 3, "minWaveInterval": "2m", "cooldown": "1h",
                   "windows": [{"cron": "0 2 * * *", "duration": "2h", "timeZone": "Europe/Berlin"}],
                   "excludeWorkloads": ["legacy-*", "pay/ledger"]},
                 "alerting": {"labels": {"team": "shop"}, "severity": "warning"}}
                """));

    InjectionPolicy p = ((ParsedPolicy.Valid) parsed).policy();
    RemediationSettings r = p.remediation();
    assertThat(p.mode()).isEqualTo(InjectionPolicy.Mode.ENFORCE);
    assertThat(p.revision()).isEqualTo("1-24-0");
    assertThat(p.requireInjection()).isFalse();
    assertThat(r.maxConcurrent()).isEqualTo(4);
    assertThat(r.maxConcurrentPerNamespace()).isEqualTo(2);
    assertThat(r.canary()).isTrue();
    assertThat(r.waveSize()).isEqualTo(3);
    assertThat(r.minWaveInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(r.cooldown()).isEqualTo(Duration.ofHours(1));
    assertThat(r.windowOpen(Instant.parse("2025-01-01T01:30:00Z"))).isTrue();
    assertThat(r.windowOpen(Instant.parse("2025-01-01T04:30:00Z"))).isFalse();
    assertThat(r.excludes("shop", "legacy-api")).isTrue();
    assertThat(r.excludes("shop", "api")).isFalse();
    assertThat(r.excludes("pay", "ledger")).isTrue();
    assertThat(r.excludes("shop", "ledger")).isFalse();
    assertThat(p.alerting().labels()).containsEntry("team", "shop");
    assertThat(p.alerting().severity()).isEqualTo("WARNING");
    assertThat(p.covers(Map.of("team", "shop"), Map.of("tier", "web"))).isTrue();
    assertThat(p.covers(Map.of("team", "shop"), Map.of("tier", "batch"))).isFalse();
    assertThat(p.covers(Map.of("team", "pay"), Map.of())).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"mode\": \"fix\"}|spec.mode",
        "{\"remediation\": {\"maxConcurrent\": 0}}|spec.remediation.maxConcurrent",
        "{\"remediation\": {\"waveSize\": -1}}|spec.remediation.waveSize",
        "{\"remediation\": {\"cooldown\": \"soon\"}}|spec.remediation.cooldown",
        "{\"remediation\": {\"windows\": [{\"cron\": \"0 2 * *\", \"duration\": \"1h\"}]}}|spec.remediation.windows[0].cron",
        "{\"remediation\": {\"windows\": [{\"cron\": \"0 2 * * *\"}]}}|spec.remediation.windows[0].duration",
        "{\"remediation\": {\"windows\": [{\"cron\": \"0 2 * * *\", \"duration\": \"8d\"}]}}|spec.remediation.windows[0].duration",
        "{\"remediation\": {\"windows\": [{\"cron\": \"0 2 * * *\", \"duration\": \"1h\", \"timeZone\": \"Mars/Olympus\"}]}}|spec.remediation.windows[0].timeZone",
        "{\"alerting\": {\"severity\": \"loud\"}}|spec.alerting.severity",
        "{\"namespaceSelector\": {\"matchExpressions\": [{\"key\": \"a\", \"operator\": \"Like\"}]}}|spec.namespaceSelector.matchExpressions[0]",
        "{\"namespaceSelector\": {\"matchExpressions\": [{\"key\": \"a\", \"operator\": \"In\"}]}}|spec.namespaceSelector.matchExpressions[0]",
        "{\"namespaceSelector\": {\"matchExpressions\": [{\"key\": \"a\", \"operator\": \"Exists\", \"values\": [\"x\"]}]}}|spec.namespaceSelector.matchExpressions[0]",
        "{\"namespaceSelector\": {\"matchExpressions\": [{\"key\": \"a\", \"operator\": \"NotIn\", \"values\": [\"a b\"]}]}}|spec.namespaceSelector.matchExpressions[0]",
        "{\"namespaceSelector\": {\"matchExpressions\": [{\"key\": \"a\", \"operator\": \"In\", \"values\": [1]}]}}|spec.namespaceSelector.matchExpressions[0].values",
        "{\"namespaceSelector\": {\"matchExpressions\": {\"key\": \"a\"}}}|spec.namespaceSelector.matchExpressions",
        "{\"workloadSelector\": {\"matchLabels\": {\"app\": \"web;drop\"}}}|spec.workloadSelector.matchLabels",
        "{\"workloadSelector\": {\"matchLabels\": {\"-app\": \"web\"}}}|spec.workloadSelector.matchLabels",
        "{\"workloadSelector\": {\"matchLabels\": {\"app\": {\"nested\": 1}}}}|spec.workloadSelector.matchLabels.app",
        "{\"workloadSelector\": {\"matchLabels\": [\"app\"]}}|spec.workloadSelector.matchLabels",
        "{\"workloadSelector\": \"app=web\"}|spec.workloadSelector",
      })
  void anInvalidPolicyNamesTheFieldAndNeverThrows(String spec, String field) {
    ParsedPolicy parsed = PolicyParser.parse(policy(spec));

    assertThat(parsed).isInstanceOf(ParsedPolicy.Invalid.class);
    assertThat(((ParsedPolicy.Invalid) parsed).field()).isEqualTo(field);
  }

  @Test
  void readsTheResumeAnnotationAndRejectsOneThatIsNotATime() throws Exception {
    JsonNode ok =
        JSON.readTree(
            "{\"metadata\":{\"name\":\"p\",\"annotations\":{"
                + "\"meshwarden.io/resume-remediation\":\"2025-01-01T10:00:00Z\"}},\"spec\":{}}");
    JsonNode bad =
        JSON.readTree(
            "{\"metadata\":{\"name\":\"p\",\"annotations\":{"
                + "\"meshwarden.io/resume-remediation\":\"now please\"}},\"spec\":{}}");

    assertThat(((ParsedPolicy.Valid) PolicyParser.parse(ok)).policy().resumeRequestedAt())
        .isEqualTo(Instant.parse("2025-01-01T10:00:00Z"));
    assertThat(PolicyParser.parse(bad)).isInstanceOf(ParsedPolicy.Invalid.class);
  }
}
