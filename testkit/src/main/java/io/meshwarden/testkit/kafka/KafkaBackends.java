package io.meshwarden.testkit.kafka;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;

/**
 * Picks and starts the Kafka behind a {@link KafkaCluster}, from system properties. See {@link
 * KafkaCluster} for the rules; {@link #choose} is the pure part, kept apart to test it alone.
 */
final class KafkaBackends {

  static final String BOOTSTRAP_PROPERTY = "meshwarden.kafka.bootstrap";
  static final String MODE_PROPERTY = "meshwarden.kafka.mode";
  static final String IMAGE_PROPERTY = "meshwarden.kafka.image";

  /** The apache/kafka image of the same version as the Kafka clients on the classpath. */
  static final String DEFAULT_IMAGE = "apache/kafka:" + AppInfoParser.getVersion();

  private static final Duration DOCKER_PROBE_TIMEOUT = Duration.ofSeconds(5);

  private KafkaBackends() {}

  /** Starts the backend the current system properties ask for. */
  static KafkaBackend start(KafkaSpec spec) {
    KafkaCluster.Kind kind =
        choose(
            System.getProperty(BOOTSTRAP_PROPERTY),
            System.getProperty(MODE_PROPERTY),
            spec.brokers(),
            KafkaBackends::dockerAnswers);
    return switch (kind) {
      case EXTERNAL -> new ExternalKafka(System.getProperty(BOOTSTRAP_PROPERTY).trim());
      case TESTCONTAINERS ->
          ContainerKafka.start(spec, System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE));
      case IN_JVM -> InJvmKafka.start(spec);
    };
  }

  /**
   * Which Kafka to use.
   *
   * @param bootstrap value of {@code meshwarden.kafka.bootstrap}, or null
   * @param mode value of {@code meshwarden.kafka.mode}: null, {@code in-jvm} or {@code
   *     testcontainers}
   * @param brokers brokers the test asked for; more than one needs brokers the kit controls
   * @param docker asked only when a container would otherwise be chosen
   */
  static KafkaCluster.Kind choose(
      String bootstrap, String mode, int brokers, BooleanSupplier docker) {
    String normalizedMode = mode == null ? "in-jvm" : mode.trim().toLowerCase(Locale.ROOT);
    if (!normalizedMode.equals("in-jvm") && !normalizedMode.equals("testcontainers")) {
      throw new IllegalArgumentException(
          MODE_PROPERTY + " must be in-jvm or testcontainers, was '" + mode + "'");
    }
    boolean single = brokers == 1;
    if (bootstrap != null && !bootstrap.isBlank() && single) {
      return KafkaCluster.Kind.EXTERNAL;
    }
    if (normalizedMode.equals("testcontainers") && single && docker.getAsBoolean()) {
      return KafkaCluster.Kind.TESTCONTAINERS;
    }
    return KafkaCluster.Kind.IN_JVM;
  }

  /**
   * Whether a Docker daemon answers. Never throws, and gives up after a few seconds: Testcontainers
   * tries several strategies before it says no.
   */
  static boolean dockerAnswers() {
    FutureTask<Boolean> probe =
        new FutureTask<>(() -> DockerClientFactory.instance().isDockerAvailable());
    Thread thread = new Thread(probe, "meshwarden-docker-probe");
    thread.setDaemon(true);
    thread.start();
    try {
      return probe.get(DOCKER_PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception | LinkageError e) {
      probe.cancel(true);
      return false;
    }
  }
}
