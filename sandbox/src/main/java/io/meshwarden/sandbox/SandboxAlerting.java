package io.meshwarden.sandbox;

import io.meshwarden.alerting.AlertingConfig;
import io.meshwarden.alerting.AlertingRuntime;
import io.meshwarden.alerting.delivery.JdkHttpTransport;
import io.meshwarden.common.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sandbox's alerting instance: the production role, configured through its own loader with a
 * routing file that sends every group to the {@link PrintingReceiver}, signed.
 */
final class SandboxAlerting implements AutoCloseable {

  private final PrintingReceiver receiver;
  private final AlertingRuntime runtime;
  private final Path routingFile;

  SandboxAlerting(
      String bootstrapServers,
      String topicPrefix,
      List<URI> alsoNotify,
      PrintStream out,
      io.micrometer.core.instrument.MeterRegistry meters) {
    this.receiver = new PrintingReceiver(out);
    try {
      this.routingFile = Files.createTempFile("meshwarden-sandbox-routing", ".yaml");
      Files.writeString(routingFile, routing(receiver.url(), alsoNotify));
      AlertingConfig config =
          AlertingConfig.from(
              new ConfigLoader(AlertingConfig.schema())
                  .load(
                      Map.of(),
                      Map.of(
                          "kafka.bootstrap-servers",
                          bootstrapServers,
                          "topic-prefix",
                          topicPrefix,
                          "http.port",
                          "0",
                          "alerting.routing-file",
                          routingFile.toString(),
                          "alerting.create-topics",
                          "true",
                          "alerting.replication-factor",
                          "1")),
              Map.of());
      this.runtime =
          new AlertingRuntime(
                  config, new JdkHttpTransport(Duration.ofSeconds(5)), meters, Clock.systemUTC())
              .start();
    } catch (IOException e) {
      receiver.close();
      throw new UncheckedIOException("cannot write the sandbox's routing file", e);
    }
  }

  /**
   * Group alerts per cluster, namespace and rule; short waits so the demo shows them soon. Each
   * {@code --also-notify} webhook is receiver {@code also-notify-<n>} on a route that matches every
   * alert and continues, so the printing receiver still gets them all. Those receivers retry fast
   * and never pause (no circuit breaker to speak of): the sandbox shows each attempt.
   */
  static String routing(String url, List<URI> alsoNotify) {
    List<String> lines = new ArrayList<>();
    lines.add("receivers:");
    lines.add("  - name: sandbox");
    lines.add("    webhook:");
    lines.add("      url: " + url);
    lines.add("      secret: " + UUID.randomUUID());
    for (int i = 0; i < alsoNotify.size(); i++) {
      lines.add("  - name: also-notify-" + (i + 1));
      lines.add("    webhook:");
      lines.add("      url: " + alsoNotify.get(i));
      lines.add(
          "      delivery: {initial_backoff: 500ms, max_backoff: 2s, breaker_threshold: 1000}");
    }
    lines.add("route:");
    lines.add("  receiver: sandbox");
    lines.add("  group_by: [cluster, namespace, code]");
    lines.add("  group_wait: 2s");
    lines.add("  group_interval: 10s");
    lines.add("  repeat_interval: 1h");
    if (!alsoNotify.isEmpty()) {
      lines.add("  routes:");
      for (int i = 0; i < alsoNotify.size(); i++) {
        lines.add("    - {receiver: also-notify-" + (i + 1) + ", continue: true}");
      }
      lines.add("    - {receiver: sandbox}");
    }
    lines.add("");
    return String.join("\n", lines);
  }

  long alertsFiring() {
    return receiver.firing();
  }

  long alertsResolved() {
    return receiver.resolved();
  }

  @Override
  public void close() {
    runtime.close();
    receiver.close();
    try {
      Files.deleteIfExists(routingFile);
    } catch (IOException e) {
      // A temporary file left behind is harmless.
    }
  }
}
