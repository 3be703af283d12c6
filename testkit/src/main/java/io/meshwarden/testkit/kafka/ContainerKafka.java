package io.meshwarden.testkit.kafka;

import java.util.Locale;
import java.util.Set;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** A single-broker Kafka in a Docker container (apache/kafka image), through Testcontainers. */
final class ContainerKafka implements KafkaBackend {

  private final KafkaContainer container;

  private ContainerKafka(KafkaContainer container) {
    this.container = container;
  }

  @SuppressWarnings("resource") // closed by close()
  static ContainerKafka start(KafkaSpec spec, String image) {
    if (spec.brokers() != 1) {
      throw new IllegalArgumentException("A Kafka container has one broker, not " + spec.brokers());
    }
    KafkaContainer container = new KafkaContainer(DockerImageName.parse(image));
    spec.effectiveBrokerConfig().forEach((key, value) -> container.withEnv(envName(key), value));
    container.start();
    return new ContainerKafka(container);
  }

  /**
   * The environment variable the apache/kafka image turns into broker config {@code key}: prefix
   * {@code KAFKA_}, upper case, {@code _} doubled, {@code -} tripled, then {@code .} as {@code _}.
   */
  static String envName(String key) {
    String escaped = key.replace("_", "__").replace("-", "___").replace('.', '_');
    return "KAFKA_" + escaped.toUpperCase(Locale.ROOT);
  }

  @Override
  public KafkaCluster.Kind kind() {
    return KafkaCluster.Kind.TESTCONTAINERS;
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public Set<Integer> brokerIds() {
    return Set.of();
  }

  @Override
  public void close() {
    container.stop();
  }

  @Override
  public String toString() {
    return "Kafka container " + container.getDockerImageName();
  }
}
