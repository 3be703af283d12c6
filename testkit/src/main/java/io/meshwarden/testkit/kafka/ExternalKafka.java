package io.meshwarden.testkit.kafka;

import java.util.Set;

/**
 * A Kafka the test kit did not start and does not stop, named by {@code
 * -Dmeshwarden.kafka.bootstrap}.
 */
final class ExternalKafka implements KafkaBackend {

  private final String bootstrapServers;

  ExternalKafka(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  @Override
  public KafkaCluster.Kind kind() {
    return KafkaCluster.Kind.EXTERNAL;
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public Set<Integer> brokerIds() {
    return Set.of();
  }

  @Override
  public void close() {
    // Not ours to stop.
  }

  @Override
  public String toString() {
    return "external Kafka " + bootstrapServers;
  }
}
