package io.meshwarden.watcher;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.meshwarden.common.config.Config;
import io.meshwarden.common.config.ConfigException;
import io.meshwarden.common.config.ConfigLoader;
import io.meshwarden.common.http.HealthChecks;
import io.meshwarden.common.http.Meters;
import io.meshwarden.common.http.OpsHttpServer;
import io.meshwarden.common.logging.LogContext;
import io.meshwarden.common.topics.TopicAdmin;
import io.meshwarden.common.topics.TopicLayout;
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
import org.slf4j.MDC;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./meshwarden watcher}: watch one cluster and publish its facts to Kafka. */
@Command(
    name = "watcher",
    mixinStandardHelpOptions = true,
    description = "Watches one cluster and publishes resource facts to Kafka (leader-elected).")
public final class Main implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  @Option(names = "--config", description = "YAML configuration file")
  Path configFile;

  @Option(
      names = "--set",
      description = "Override a configuration key, e.g. --set cluster=prod-eu (repeatable)")
  Map<String, String> overrides = new LinkedHashMap<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    WatcherConfig config;
    try {
      Config loaded =
          new ConfigLoader(WatcherConfig.schema()).load(configFile, System.getenv(), overrides);
      loaded.logEffective(LOG);
      config = WatcherConfig.from(loaded, System.getenv());
    } catch (ConfigException e) {
      System.err.println("meshwarden watcher: invalid configuration:\n" + e.getMessage());
      return 2;
    }
    // The cluster is on every line this thread logs; each thread the watcher starts sets its own.
    MDC.put(LogContext.CLUSTER, config.cluster());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AutoCloseable jvm = Meters.bindJvm(registry);
    KubernetesClient client = new KubernetesClientBuilder().build();
    checkTopics(config);
    Watcher watcher = new Watcher(config, client, registry, Clock.systemUTC()).start();
    HealthChecks checks = new HealthChecks();
    watcher.registerChecks(checks);
    OpsHttpServer ops = OpsHttpServer.start(config.httpPort(), registry, checks);
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  ops.close();
                  watcher.close();
                  client.close();
                  closeQuietly(jvm);
                  done.countDown();
                },
                "watcher-shutdown"));
    done.await();
    return 0;
  }

  private static void checkTopics(WatcherConfig config) {
    TopicLayout layout = TopicLayout.production(new TopicNames(config.topicPrefix()));
    try (Admin admin = Admin.create(config.kafka().adminProps("meshwarden-watcher-admin"))) {
      TopicAdmin.Report report =
          new TopicAdmin(admin, Duration.ofSeconds(30))
              .ensure(layout.forCluster(config.cluster()), config.createTopics());
      if (!report.missing().isEmpty()) {
        LOG.error(
            "Topics {} do not exist and watcher.create-topics is false; publishing will fail until"
                + " they are created",
            report.missing());
      }
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("closing {}", c, e);
    }
  }
}
