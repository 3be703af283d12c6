package io.meshwarden.alerting;

import io.meshwarden.alerting.delivery.JdkHttpTransport;
import io.meshwarden.alerting.kafka.AlertTopics;
import io.meshwarden.common.config.Config;
import io.meshwarden.common.config.ConfigException;
import io.meshwarden.common.config.ConfigLoader;
import io.meshwarden.common.http.HealthCheck;
import io.meshwarden.common.http.HealthChecks;
import io.meshwarden.common.http.Meters;
import io.meshwarden.common.http.OpsHttpServer;
import io.meshwarden.common.topics.TopicAdmin;
import io.meshwarden.common.topics.TopicNames;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./meshwarden alerting}: route, group and deliver findings to receivers. */
@Command(
    name = "alerting",
    mixinStandardHelpOptions = true,
    subcommands = Main.ReplayDlqCommand.class,
    description = "Routes findings to Alertmanager, Slack, PagerDuty, Teams and signed webhooks.")
public final class Main implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  /** {@code --config} and {@code --set}, shared by the subcommands. */
  static final class ConfigOptions {
    @Option(names = "--config", description = "YAML configuration file")
    Path configFile;

    @Option(
        names = "--set",
        description = "Override a configuration key, e.g. --set alerting.routing-file=r.yaml")
    Map<String, String> overrides = new LinkedHashMap<>();

    AlertingConfig load() {
      Config loaded =
          new ConfigLoader(AlertingConfig.schema()).load(configFile, System.getenv(), overrides);
      loaded.logEffective(LOG);
      return AlertingConfig.from(loaded, System.getenv());
    }
  }

  @Mixin ConfigOptions options = new ConfigOptions();

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    AlertingConfig config;
    try {
      config = options.load();
    } catch (ConfigException e) {
      System.err.println("meshwarden alerting: invalid configuration:\n" + e.getMessage());
      return 2;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AutoCloseable jvm = Meters.bindJvm(registry);
    checkTopics(config);
    AlertingRuntime runtime =
        new AlertingRuntime(
                config, new JdkHttpTransport(Duration.ofSeconds(5)), registry, Clock.systemUTC())
            .start();
    HealthChecks checks = new HealthChecks();
    checks.addReadiness(
        HealthCheck.of("consumer", runtime::ready, "the findings consumer is not polling"));
    OpsHttpServer ops = OpsHttpServer.start(config.httpPort(), registry, checks);
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  ops.close();
                  runtime.close();
                  try {
                    jvm.close();
                  } catch (Exception e) {
                    LOG.debug("closing JVM meters", e);
                  }
                  done.countDown();
                },
                "alerting-shutdown"));
    done.await();
    return 0;
  }

  private static void checkTopics(AlertingConfig config) {
    AlertTopics topics = new AlertTopics(new TopicNames(config.topicPrefix()));
    try (Admin admin = Admin.create(config.kafka().adminProps("meshwarden-alerting-admin"))) {
      TopicAdmin.Report report =
          new TopicAdmin(admin, Duration.ofSeconds(30))
              .ensure(topics.owned(config.replicationFactor()), config.createTopics());
      if (!report.missing().isEmpty()) {
        LOG.error(
            "Topics {} do not exist and alerting.create-topics is false; alerting cannot keep its"
                + " ledger or dead letters until they are created",
            report.missing());
      }
    }
  }

  /** {@code ./meshwarden alerting replay-dlq}: deliver dead-lettered notifications again. */
  @Command(
      name = "replay-dlq",
      mixinStandardHelpOptions = true,
      description = "Sends dead-lettered notifications again; stops at the first that fails.")
  static final class ReplayDlqCommand implements Callable<Integer> {

    @Mixin ConfigOptions options = new ConfigOptions();

    @Option(
        names = "--timeout",
        description = "Longest wait for one notification, retries included (default: 2m)")
    Duration timeout = Duration.ofMinutes(2);

    @Override
    public Integer call() throws Exception {
      AlertingConfig config;
      try {
        config = options.load();
      } catch (ConfigException e) {
        System.err.println(
            "meshwarden alerting replay-dlq: invalid configuration:\n" + e.getMessage());
        return 2;
      }
      ReplayDlq.Result r =
          new ReplayDlq(
                  config,
                  new JdkHttpTransport(Duration.ofSeconds(5)),
                  new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                  Clock.systemUTC())
              .run(timeout);
      System.out.printf(
          "replayed %d, skipped %d%s%n",
          r.delivered(), r.skipped(), r.stoppedOnFailure() ? ", stopped at a failure" : "");
      return r.stoppedOnFailure() ? 1 : 0;
    }
  }
}
