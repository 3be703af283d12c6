package io.meshwarden.reconciler;

import io.meshwarden.common.config.Config;
import io.meshwarden.common.config.ConfigException;
import io.meshwarden.common.config.ConfigLoader;
import io.meshwarden.common.http.HealthChecks;
import io.meshwarden.common.http.Meters;
import io.meshwarden.common.http.OpsHttpServer;
import io.meshwarden.common.logging.LogContext;
import io.meshwarden.common.topics.TopicAdmin;
import io.meshwarden.common.topics.TopicLayout;
import io.meshwarden.common.topics.TopicSpec;
import io.meshwarden.core.rules.RuleEngine;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./meshwarden reconciler}: evaluate one cluster's facts and publish findings and
 * remediation requests. It never writes to the cluster: {@code ./meshwarden executor} carries the
 * requests out.
 */
@Command(
    name = "reconciler",
    mixinStandardHelpOptions = true,
    description = "Evaluates one cluster's facts with every rule and publishes findings (sharded).")
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
    String instance =
        Optional.ofNullable(System.getenv("POD_NAME"))
            .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")))
            .orElse("pid-" + ProcessHandle.current().pid());
    ReconcilerConfig config;
    try {
      Config loaded = load(System.getenv());
      loaded.logEffective(LOG);
      config = ReconcilerConfig.from(loaded);
    } catch (ConfigException e) {
      System.err.println("meshwarden reconciler: invalid configuration:\n" + e.getMessage());
      return 2;
    }
    // The cluster is on every line this thread logs; Streams' threads get it per task and record.
    MDC.put(LogContext.CLUSTER, config.streams().cluster());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AutoCloseable jvm = Meters.bindJvm(registry);
    checkTopics(config);
    Reconciler reconciler =
        new Reconciler(config, RuleEngine.standard(), registry, Clock.systemUTC(), instance)
            .start();
    HealthChecks checks = new HealthChecks();
    reconciler.registerChecks(checks);
    OpsHttpServer ops = OpsHttpServer.start(config.httpPort(), registry, checks);
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  ops.close();
                  reconciler.close();
                  closeQuietly(jvm);
                  done.countDown();
                },
                "reconciler-shutdown"));
    done.await();
    return 0;
  }

  /** Loads the configuration from the file, {@code env} and the flags. */
  Config load(Map<String, String> env) {
    return new ConfigLoader(ReconcilerConfig.schema()).load(configFile, env, overrides);
  }

  private static void checkTopics(ReconcilerConfig config) {
    String cluster = config.streams().cluster();
    TopicLayout layout = TopicLayout.production(config.streams().names());
    List<TopicSpec> specs = new ArrayList<>(layout.forCluster(cluster));
    specs.addAll(layout.shared());
    try (Admin admin = Admin.create(config.kafka().adminProps(config.applicationId() + "-admin"))) {
      TopicAdmin.Report report =
          new TopicAdmin(admin, Duration.ofSeconds(30)).ensure(specs, config.createTopics());
      if (!report.missing().isEmpty()) {
        LOG.error(
            "Topics {} do not exist and reconciler.create-topics is false; Streams will wait for"
                + " them",
            report.missing());
      }
      report.drifts().forEach(d -> LOG.warn("Topic differs from its spec: {}", d));
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
