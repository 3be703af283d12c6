package io.meshwarden.testkit.kafka;

import java.util.Set;

/**
 * One running Kafka that a {@link KafkaCluster} talks to: in the JVM, in a container, or external.
 */
interface KafkaBackend extends AutoCloseable {

  /** Which kind of Kafka this is. */
  KafkaCluster.Kind kind();

  String bootstrapServers();

  /** Ids of the brokers this backend controls; empty when it cannot control brokers. */
  Set<Integer> brokerIds();

  /** Stops one broker and returns once the others no longer count it as alive. */
  default void stopBroker(int id) {
    throw new UnsupportedOperationException(kind() + " Kafka cannot stop brokers");
  }

  /** Starts a stopped broker again and returns once the cluster counts it as alive. */
  default void restartBroker(int id) {
    throw new UnsupportedOperationException(kind() + " Kafka cannot restart brokers");
  }

  /** Ids of brokers stopped with {@link #stopBroker(int)} and not restarted since. */
  default Set<Integer> stoppedBrokers() {
    return Set.of();
  }

  @Override
  void close();
}
