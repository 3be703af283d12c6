package io.meshwarden.sandbox;

import io.meshwarden.common.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./meshwarden sandbox}: the whole system on embedded defaults, in one process. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description =
        "Runs meshwarden on an embedded Kafka and simulated clusters. Nothing to install.")
public final class Main implements Callable<Integer> {

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  @Option(
      names = "--clusters",
      split = ",",
      defaultValue = "prod-eu,prod-us",
      description = "Names of the simulated clusters (default: ${DEFAULT-VALUE}).")
  List<String> clusters;

  @Option(
      names = "--duration",
      description =
          "Stop after this long (30s, 5m, PT30S, or a bare number of seconds); default: until"
              + " Ctrl-C.")
  String duration;

  @Option(
      names = "--namespaces",
      defaultValue = "0",
      description = "Extra injected namespaces of healthy workloads per cluster (default none).")
  int namespaces;

  @Option(
      names = "--pods",
      defaultValue = "0",
      description = "Pods of those extra workloads per cluster, spread over the namespaces.")
  int pods;

  @Option(
      names = "--chaos",
      description =
          "Every this many seconds (or ISO-8601), kill the leading watcher and one reconciler"
              + " instance of each cluster and start replacements.")
  String chaos;

  @Option(
      names = "--scenario",
      description =
          "A directory of scenario files named <cluster>.yaml that replace the built-in ones"
              + " (format: testkit/README.md, plus the drifts and remediation sections).")
  java.nio.file.Path scenarioDir;

  @Option(
      names = "--also-notify",
      split = ",",
      description =
          "Also send every alert to these webhook URLs (receivers also-notify-1, -2...), besides"
              + " printing it.")
  List<java.net.URI> alsoNotify = List.of();

  @Option(
      names = "--http-port",
      defaultValue = "0",
      description = "Port for /metrics, /healthz and /readyz (default: a free port).")
  int httpPort;

  public static void main(String[] args) {
    // Every role jar on the sandbox's classpath carries its own logback.xml; pick the sandbox's.
    System.setProperty("logback.configurationFile", "sandbox-logback.xml");
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    SandboxOptions options =
        new SandboxOptions(
            clusters,
            httpPort,
            namespaces,
            pods,
            chaos == null ? null : parse(chaos),
            scenarioDir,
            alsoNotify);
    Sandbox sandbox = Sandbox.start(options, System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              sandbox.close();
              stopped.countDown();
            },
            "sandbox-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    long deadline =
        duration == null ? Long.MAX_VALUE : System.nanoTime() + parse(duration).toNanos();
    if (duration == null) {
      System.out.println("Press Ctrl-C to stop.");
    }
    StatusReport report = new StatusReport(sandbox);
    long nextChaos =
        options.chaosEvery() == null
            ? Long.MAX_VALUE
            : System.nanoTime() + options.chaosEvery().toNanos();
    while (stopped.getCount() > 0 && System.nanoTime() < deadline) {
      long wait = Math.min(PROGRESS_EVERY.toNanos(), deadline - System.nanoTime());
      if (!stopped.await(wait, TimeUnit.NANOSECONDS)) {
        if (System.nanoTime() >= nextChaos) {
          sandbox.chaos(System.out);
          nextChaos = System.nanoTime() + options.chaosEvery().toNanos();
        }
        report.progress(System.out);
      }
    }
    if (stopped.getCount() > 0) {
      Runtime.getRuntime().removeShutdownHook(hook);
      boolean ok = finish(sandbox);
      sandbox.close();
      return ok ? 0 : 1;
    }
    return 0;
  }

  /** Prints the drift summary and the topics-versus-API check; true when both are good. */
  private static boolean finish(Sandbox sandbox) {
    DriftSummary summary = sandbox.summary();
    summary.print(System.out);
    boolean topicsEqual = true;
    for (var e : sandbox.compareTopics().entrySet()) {
      System.out.printf("Topics of %s against its API: %s%n", e.getKey(), e.getValue());
      topicsEqual &= e.getValue().equal();
    }
    System.out.printf(
        "Alerts delivered: %d firing, %d resolved%n",
        sandbox.alerting().alertsFiring(), sandbox.alerting().alertsResolved());
    return summary.allAsExpected() && topicsEqual && sandbox.alerting().alertsFiring() > 0;
  }

  /** A bare number of seconds (this flag's own shorthand), else any {@link Durations} syntax. */
  static Duration parse(String text) {
    try {
      return !text.isEmpty() && text.chars().allMatch(Character::isDigit)
          ? Duration.ofSeconds(Long.parseLong(text))
          : Durations.parse(text);
    } catch (RuntimeException e) {
      throw new CommandLine.ParameterException(
          new CommandLine(new Main()),
          "--duration: expected seconds or " + Durations.EXPECTED + ", got '" + text + "'");
    }
  }
}
