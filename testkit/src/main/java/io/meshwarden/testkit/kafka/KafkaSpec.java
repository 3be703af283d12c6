package io.meshwarden.testkit.kafka;

import java.util.Map;
import java.util.TreeMap;

/**
 * The shape of a requested cluster: how many brokers and which broker configs the test adds. Two
 * equal specs may share one {@link Sharing#PER_JVM} cluster.
 */
record KafkaSpec(int brokers, Map<String, String> brokerConfig) {

  KafkaSpec {
    if (brokers < 1) {
      throw new IllegalArgumentException("brokers must be at least 1, was " + brokers);
    }
    brokerConfig = Map.copyOf(brokerConfig);
  }

  static KafkaSpec singleBroker() {
    return new KafkaSpec(1, Map.of());
  }

  /** A spec from {@link WithKafka}'s values; configs are {@code key=value}. */
  static KafkaSpec parse(int brokers, String... brokerConfig) {
    KafkaSpec spec = singleBroker().withBrokers(brokers);
    for (String entry : brokerConfig) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("brokerConfig entry must be key=value, was: " + entry);
      }
      spec = spec.withBrokerConfig(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }
    return spec;
  }

  KafkaSpec withBrokers(int count) {
    return new KafkaSpec(count, brokerConfig);
  }

  KafkaSpec withBrokerConfig(String key, String value) {
    Map<String, String> copy = new TreeMap<>(brokerConfig);
    copy.put(key, value);
    return new KafkaSpec(brokers, copy);
  }

  /** Replication factor for internal topics: every broker, at most three. */
  int internalReplicationFactor() {
    return Math.min(brokers, 3);
  }

  /**
   * Broker configs for a fast, quiet test cluster whose internal topics fit the broker count, with
   * the test's own configs on top.
   */
  Map<String, String> effectiveBrokerConfig() {
    String rf = Integer.toString(internalReplicationFactor());
    String minIsr = Integer.toString(Math.max(1, internalReplicationFactor() - 1));
    Map<String, String> config = new TreeMap<>();
    // Consumer groups form at once instead of waiting 3 s for more members.
    config.put("group.initial.rebalance.delay.ms", "0");
    // Internal topics must be creatable with the brokers at hand; few partitions keep startup fast.
    config.put("offsets.topic.replication.factor", rf);
    config.put("offsets.topic.num.partitions", "5");
    config.put("transaction.state.log.replication.factor", rf);
    config.put("transaction.state.log.min.isr", minIsr);
    config.put("transaction.state.log.num.partitions", "5");
    config.put("share.coordinator.state.topic.replication.factor", rf);
    config.put("share.coordinator.state.topic.min.isr", minIsr);
    // Topics come from createTopic, which waits for leaders; auto-creation hides that trap.
    config.put("auto.create.topics.enable", "false");
    if (brokers > 1) {
      // A restarted broker may only register again once the controller expired its old session
      // (9 s by default); short sessions make restartBroker take seconds, not ten.
      config.put("broker.session.timeout.ms", "3000");
      config.put("broker.heartbeat.interval.ms", "500");
    }
    config.putAll(brokerConfig);
    return config;
  }
}
