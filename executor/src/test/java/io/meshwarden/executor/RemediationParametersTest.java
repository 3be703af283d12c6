package io.meshwarden.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.common.config.Config;
import io.meshwarden.common.config.ConfigDocs;
import io.meshwarden.common.config.ConfigException;
import io.meshwarden.common.config.ConfigSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The executor role's {@code remediation.*} keys and {@code --dry-run}, as its Main loads them. */
class RemediationParametersTest {

  private static final Map<String, String> ENV =
      Map.of("MW_CLUSTER", "prod-eu", "MW_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");

  private static RemediationConfig parse(String... args) {
    Main main = new Main();
    new CommandLine(main).parseArgs(args);
    Config loaded = main.load(ENV);
    return RemediationParameters.from(loaded, "executor-0");
  }

  @Test
  void defaultsEnableTheExecutorForTheClusterWithoutDryRun() {
    RemediationConfig c = parse();

    assertThat(c.cluster()).isEqualTo("prod-eu");
    assertThat(c.dryRun()).isFalse();
    assertThat(c.groupId()).isEqualTo("meshwarden-remediation-prod-eu");
    assertThat(c.actor()).isEqualTo("executor-0");
    assertThat(c.topics().remediationRequests("prod-eu"))
        .isEqualTo("mw.prod-eu.remediation-requests");
    assertThat(c.controlPlaneNamespace()).isEqualTo("istio-system");
    assertThat(c.pollTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.rolloutTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.breakerThreshold()).isEqualTo(3);
    assertThat(c.breakerWindow()).isEqualTo(Duration.ofHours(1));
    assertThat(c.breakerResumeAfter()).isNull();
    assertThat(c.campaignIdle()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theDryRunFlagSetsDryRun() {
    assertThat(parse("--dry-run").dryRun()).isTrue();
    assertThat(parse("--set", "remediation.dry-run=true").dryRun()).isTrue();
    assertThat(parse("--dry-run").groupId())
        .as("a dry-run executor must not share the live executor's group")
        .isEqualTo("meshwarden-remediation-prod-eu-dry-run");
    assertThat(parse("--dry-run", "--set", "remediation.group-id=g1").groupId()).isEqualTo("g1");
  }

  @Test
  void readsEveryKey() {
    RemediationConfig c =
        parse(
            "--set", "remediation.group-id=g1",
            "--set", "remediation.control-plane-namespace=istio-cp",
            "--set", "remediation.rollout-timeout=3m",
            "--set", "remediation.breaker-threshold=5",
            "--set", "remediation.breaker-window=2h",
            "--set", "remediation.breaker-resume-after=30m",
            "--set", "remediation.campaign-idle=15m",
            "--set", "remediation.poll-timeout=200ms",
            "--set", "topic-prefix=acme");

    assertThat(c.groupId()).isEqualTo("g1");
    assertThat(c.controlPlaneNamespace()).isEqualTo("istio-cp");
    assertThat(c.rolloutTimeout()).isEqualTo(Duration.ofMinutes(3));
    assertThat(c.breakerThreshold()).isEqualTo(5);
    assertThat(c.breakerWindow()).isEqualTo(Duration.ofHours(2));
    assertThat(c.breakerResumeAfter()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.campaignIdle()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.pollTimeout()).isEqualTo(Duration.ofMillis(200));
    assertThat(c.topics().prefix()).isEqualTo("acme");
  }

  @Test
  void theReconcilersKeysAreNotTheExecutors() {
    assertThatThrownBy(() -> parse("--set", "reconciler.threads=2"))
        .as("the executor is its own role: a reconciler key given to it is a mistake")
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("reconciler.threads");
  }

  @Test
  void anInvalidValueFailsNamingItsKey() {
    assertThatThrownBy(() -> parse("--set", "remediation.breaker-threshold=0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("remediation.breaker-threshold");
    assertThatThrownBy(() -> parse("--set", "remediation.rollout-timeout=0s"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("remediation.rollout-timeout")
        .hasMessageContaining("above zero");
    assertThatThrownBy(() -> parse("--set", "remediation.dry-run=maybe"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("remediation.dry-run");
  }

  @Test
  void configurationPageHoldsTheGeneratedRemediationTable() throws IOException {
    String table = ConfigDocs.markdownTable(ConfigSchema.of(RemediationParameters.all()));

    assertThat(Files.readString(Path.of("..", "docs", "configuration.md")))
        .as("regenerate the remediation table in docs/configuration.md:%n%s", table)
        .contains(table);
  }
}
