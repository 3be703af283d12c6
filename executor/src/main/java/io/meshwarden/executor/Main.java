package io.meshwarden.executor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.meshwarden.common.config.CommonConfig;
import io.meshwarden.common.config.CommonParameters;
import io.meshwarden.common.config.Config;
import io.meshwarden.common.config.ConfigException;
import io.meshwarden.common.config.ConfigLoader;
import io.meshwarden.common.config.ConfigSchema;
import io.meshwarden.common.http.HealthChecks;
import io.meshwarden.common.http.Meters;
import io.meshwarden.common.http.OpsHttpServer;
import io.meshwarden.common.kafka.KafkaParameters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./meshwarden executor}: the remediation executor of one cluster. It reads the cluster's
 * remediation requests, re-checks each against live state with the rule that raised it, and
 * restarts workloads behind the guards of the governing InjectionPolicy. One instance of a
 * cluster's consumer group is active; the others stand by.
 */
@Command(
    name = "executor",
    mixinStandardHelpOptions = true,
    description =
        "Carries out one cluster's remediation requests: guarded, staged rolling restarts of the"
            + " workloads whose findings a rule can fix that way.")
public final class Main implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  @Option(names = "--config", description = "YAML configuration file")
  Path configFile;

  @Option(
      names = "--set",
      description = "Override a configuration key, e.g. --set cluster=prod-eu (repeatable)")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = "--dry-run",
      description =
          "Decide as usual but patch and publish nothing, and print each decision (sets"
              + " remediation.dry-run=true)")
  boolean dryRun;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  /** Every key the executor reads. */
  public static ConfigSchema schema() {
    return ConfigSchema.of(CommonParameters.all())
        .plus(KafkaParameters.all())
        .plus(RemediationParameters.all());
  }

  @Override
  public Integer call() throws Exception {
    String instance =
        Optional.ofNullable(System.getenv("POD_NAME"))
            .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")))
            .orElse("pid-" + ProcessHandle.current().pid());
    RemediationConfig config;
    int httpPort;
    try {
      Config loaded = load(System.getenv());
      loaded.logEffective(LOG);
      config = RemediationParameters.from(loaded, instance);
      httpPort = CommonConfig.from(loaded).httpPort();
    } catch (ConfigException e) {
      System.err.println("meshwarden executor: invalid configuration:\n" + e.getMessage());
      return 2;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AutoCloseable jvm = Meters.bindJvm(registry);
    KubernetesClient kube = new KubernetesClientBuilder().build();
    RemediationExecutor executor =
        RemediationExecutor.create(config, kube, Clock.systemUTC(), registry, System.out);
    executor.start();
    HealthChecks checks = new HealthChecks();
    executor.registerChecks(checks);
    OpsHttpServer ops = OpsHttpServer.start(httpPort, registry, checks);
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // Leave the group first so a standby takes the requests over at once.
                  ops.close();
                  executor.close();
                  kube.close();
                  closeQuietly(jvm);
                  done.countDown();
                },
                "executor-shutdown"));
    done.await();
    return 0;
  }

  /** Loads the configuration from the file, {@code env} and the flags ({@code --dry-run} too). */
  Config load(Map<String, String> env) {
    Map<String, String> flags = new LinkedHashMap<>(overrides);
    if (dryRun) {
      flags.put(RemediationParameters.DRY_RUN.key(), "true");
    }
    return new ConfigLoader(schema()).load(configFile, env, flags);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("closing {}", c, e);
    }
  }
}
