package io.meshwarden.sandbox;

import io.meshwarden.alerting.AlertingConfig;
import io.meshwarden.alerting.AlertingRuntime;
import io.meshwarden.alerting.delivery.JdkHttpTransport;
import io.meshwarden.common.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
      PrintStream out,
      io.micrometer.core.instrument.MeterRegistry meters) {
    this.receiver = new PrintingReceiver(out);
    try {
      this.routingFile = Files.createTempFile("meshwarden-sandbox-routing", ".yaml");
      Files.writeString(routingFile, routing(receiver.url()));
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

  /** Group alerts per cluster, namespace and rule; short waits so the demo shows them soon. */
  private static String routing(String url) {
    return String.join(
        "\n",
        "receivers:",
        "  - name: sandbox",
        "    webhook:",
        "      url: " + url,
        "      secret: " + UUID.randomUUID(),
        "route:",
        "  receiver: sandbox",
        "  group_by: [cluster, namespace, code]",
        "  group_wait: 2s",
        "  group_interval: 10s",
        "  repeat_interval: 1h",
        "");
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
