package io.meshwarden.common.kafka;

import io.meshwarden.common.config.Config;
import io.meshwarden.common.config.ConfigPrefix;
import io.meshwarden.common.config.Secret;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * How every meshwarden client reaches Kafka: brokers, TLS, SASL and raw pass-through properties,
 * plus the factories that add what producers, consumers and admin clients need. Immutable; build it
 * with {@link #from(Config)}, which checks everything and names the offending key.
 *
 * @param bootstrapServers host:port pairs
 * @param securityProtocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param tls TLS material, present only with SSL or SASL_SSL
 * @param sasl SASL login, present exactly with SASL_PLAINTEXT or SASL_SSL
 * @param passthrough raw client properties from {@code kafka.client.*}
 */
public record KafkaSettings(
    List<String> bootstrapServers,
    SecurityProtocol securityProtocol,
    Optional<TlsSettings> tls,
    Optional<SaslSettings> sasl,
    Map<String, String> passthrough) {

  public KafkaSettings {
    bootstrapServers = List.copyOf(bootstrapServers);
    Objects.requireNonNull(securityProtocol, "securityProtocol");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(sasl, "sasl");
    passthrough = Map.copyOf(passthrough);
    if (bootstrapServers.isEmpty()) {
      throw new IllegalArgumentException("at least one bootstrap server is needed");
    }
    if (tls.isPresent() && !usesTls(securityProtocol)) {
      throw new IllegalArgumentException("TLS settings need SSL or SASL_SSL");
    }
    if (sasl.isPresent() != usesSasl(securityProtocol)) {
      throw new IllegalArgumentException("SASL settings go exactly with SASL_* protocols");
    }
    for (String key : passthrough.keySet()) {
      if (KafkaParameters.managed().containsKey(key)) {
        throw new IllegalArgumentException("pass-through may not set " + key);
      }
    }
  }

  /** Plain connection to these brokers, nothing else. */
  public static KafkaSettings plaintext(List<String> bootstrapServers) {
    return new KafkaSettings(
        bootstrapServers, SecurityProtocol.PLAINTEXT, Optional.empty(), Optional.empty(), Map.of());
  }

  /**
   * Reads and checks the {@code kafka.*} parameters.
   *
   * @throws io.meshwarden.common.config.ConfigException naming each offending key and its source
   */
  public static KafkaSettings from(Config config) {
    return new KafkaSettingsReader(config).read();
  }

  /** Whether a protocol encrypts with TLS. */
  public static boolean usesTls(SecurityProtocol protocol) {
    return protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL;
  }

  /** Whether a protocol authenticates with SASL. */
  public static boolean usesSasl(SecurityProtocol protocol) {
    return protocol == SecurityProtocol.SASL_PLAINTEXT || protocol == SecurityProtocol.SASL_SSL;
  }

  /** Connection and security properties every client shares, with the pass-through ones. */
  public Properties toProperties() {
    Map<String, String> props = new TreeMap<>(passthrough);
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers));
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol.name());
    tls.ifPresent(t -> t.addTo(props));
    sasl.ifPresent(s -> s.addTo(props));
    Properties out = new Properties();
    out.putAll(props);
    return out;
  }

  /**
   * Properties for a producer; add serializers when constructing it.
   *
   * @param clientId names the client in broker logs, quotas and client metrics
   * @param transactionalIdOrNull a transactional id, or null for an idempotent producer without
   *     transactions
   */
  public Properties producerProps(String clientId, String transactionalIdOrNull) {
    Properties props = base(clientId);
    // Explicit though default since Kafka 3.0: a write counts only when every in-sync replica has
    // it, so losing the leader loses nothing (with min.insync.replicas=2 on the topics).
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // Explicit for the same reason: retries after a lost response cannot duplicate or reorder.
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    if (transactionalIdOrNull != null) {
      // One id per cluster's watcher: a new leader's initTransactions() fences the old one.
      props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, requireText(transactionalIdOrNull, "id"));
    }
    return props;
  }

  /**
   * Properties for a consumer in a group; add deserializers when constructing it.
   *
   * @param clientId names the client in broker logs, quotas and client metrics
   * @param groupId the consumer group
   */
  public Properties consumerProps(String clientId, String groupId) {
    Properties props = base(clientId);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, requireText(groupId, "groupId"));
    // Never see records of aborted or still-open transactions (a fenced watcher's writes).
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Commit offsets ourselves after the records are processed: at-least-once, never at-most.
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // A new group reads compacted topics from the start: the latest state of every key.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return props;
  }

  /**
   * Properties for an admin client.
   *
   * @param clientId names the client in broker logs, quotas and client metrics
   */
  public Properties adminProps(String clientId) {
    return base(clientId);
  }

  /** {@link #toProperties()} sorted, with credential values shown as {@value Secret#MASK}. */
  public SortedMap<String, String> maskedProperties() {
    return masked(toProperties());
  }

  /** Client properties sorted, with credential-like values masked; safe to log. */
  public static SortedMap<String, String> masked(Map<?, ?> props) {
    SortedMap<String, String> out = new TreeMap<>();
    props.forEach(
        (k, v) -> {
          String key = String.valueOf(k);
          boolean secret = ConfigPrefix.CREDENTIAL_LIKE.test(key) || v instanceof Secret;
          out.put(key, secret ? Secret.MASK : String.valueOf(v));
        });
    return out;
  }

  @Override
  public String toString() {
    return "KafkaSettings" + maskedProperties();
  }

  private Properties base(String clientId) {
    Properties props = toProperties();
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, requireText(clientId, "clientId"));
    return props;
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }
}
