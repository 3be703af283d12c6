package io.meshwarden.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.common.config.CommonParameters;
import io.meshwarden.common.config.Config;
import io.meshwarden.common.config.ConfigException;
import io.meshwarden.common.config.ConfigLoader;
import io.meshwarden.common.config.ConfigSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {

  private static final ConfigSchema SCHEMA =
      ConfigSchema.of(CommonParameters.all()).plus(KafkaParameters.all());

  @TempDir Path dir;

  /** Settings from flags on top of a bootstrap server. */
  private static KafkaSettings settings(String... keyValues) {
    Map<String, String> flags = new HashMap<>();
    flags.put("kafka.bootstrap-servers", "127.0.0.1:9092");
    for (int i = 0; i < keyValues.length; i += 2) {
      flags.put(keyValues[i], keyValues[i + 1]);
    }
    Config config = new ConfigLoader(SCHEMA).load(Map.of(), flags);
    return KafkaSettings.from(config);
  }

  @Test
  void writesScramJaasLineAndHidesPasswordInMaskedOutput() {
    KafkaSettings settings =
        settings(
            "kafka.security-protocol", "SASL_PLAINTEXT",
            "kafka.sasl.mechanism", "scram-sha-512",
            "kafka.sasl.username", "watcher",
            "kafka.sasl.password", "pa\"ss\\word");

    Properties props = settings.toProperties();

    assertThat(props)
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"watcher\" password=\"pa\\\"ss\\\\word\";");
    assertThat(settings.maskedProperties()).containsEntry("sasl.jaas.config", "******");
    assertThat(settings.toString()).doesNotContain("pa\"ss").contains("SCRAM-SHA-512");
    assertThat(settings.sasl().orElseThrow().toString()).doesNotContain("pa\"ss");
  }

  @Test
  void failsNamingTruststoreKeyWhenItsFileDoesNotExist() {
    Path missing = dir.resolve("truststore.p12");

    assertThatThrownBy(
            () ->
                settings(
                    "kafka.security-protocol",
                    "SSL",
                    "kafka.tls.truststore-location",
                    missing.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "kafka.tls.truststore-location (flag kafka.tls.truststore-location): file "
                + missing
                + " does not exist or cannot be read");
  }

  @Test
  void passesTlsStoresThroughWhenFilesExist() throws IOException {
    Path truststore = Files.writeString(dir.resolve("ca.p12"), "x");
    Path keystore = Files.writeString(dir.resolve("user.p12"), "x");

    Properties props =
        settings(
                "kafka.security-protocol", "SSL",
                "kafka.tls.truststore-location", truststore.toString(),
                "kafka.tls.truststore-password", "trust-pw",
                "kafka.tls.truststore-type", "pkcs12",
                "kafka.tls.keystore-location", keystore.toString(),
                "kafka.tls.keystore-password", "key-pw")
            .toProperties();

    assertThat(props)
        .containsEntry("ssl.truststore.location", truststore.toString())
        .containsEntry("ssl.truststore.password", "trust-pw")
        .containsEntry("ssl.truststore.type", "PKCS12")
        .containsEntry("ssl.keystore.location", keystore.toString())
        .containsEntry("ssl.keystore.password", "key-pw")
        .doesNotContainKey("ssl.keystore.type");
  }

  @Test
  void refusesTlsAndSaslKeysWithAProtocolThatDoesNotUseThem() {
    assertThatThrownBy(
            () ->
                settings(
                    "kafka.tls.truststore-location", "/x",
                    "kafka.sasl.username", "u"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "kafka.tls.truststore-location (flag kafka.tls.truststore-location): only"
                            + " used with SSL or SASL_SSL, but kafka.security-protocol (default)"
                            + " is PLAINTEXT",
                        "kafka.sasl.username (flag kafka.sasl.username): only used with"
                            + " SASL_PLAINTEXT or SASL_SSL, but kafka.security-protocol (default)"
                            + " is PLAINTEXT"));
  }

  @Test
  void requiresMechanismAndCredentialsForSasl() {
    assertThatThrownBy(() -> settings("kafka.security-protocol", "SASL_SSL"))
        .hasMessageStartingWith("kafka.sasl.mechanism: required when kafka.security-protocol");
    assertThatThrownBy(
            () ->
                settings(
                    "kafka.security-protocol", "SASL_SSL",
                    "kafka.sasl.mechanism", "PLAIN",
                    "kafka.sasl.username", "u"))
        .hasMessageStartingWith("kafka.sasl.password: required with kafka.sasl.mechanism");
  }

  @Test
  void passesOauthBearerSettingsThroughWithKafkasHandlerByDefault() {
    Properties props =
        settings(
                "kafka.security-protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "OAUTHBEARER",
                "kafka.sasl.oauth.token-endpoint-url", "https://sso.example.com/token",
                "kafka.sasl.oauth.client-id", "meshwarden",
                "kafka.sasl.oauth.client-secret", "oauth-s3cret",
                "kafka.sasl.oauth.scope", "kafka")
            .toProperties();

    assertThat(props)
        .containsEntry("sasl.mechanism", "OAUTHBEARER")
        .containsEntry("sasl.oauthbearer.token.endpoint.url", "https://sso.example.com/token")
        .containsEntry(
            "sasl.login.callback.handler.class",
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
                + " clientId=\"meshwarden\" clientSecret=\"oauth-s3cret\" scope=\"kafka\";");
    assertThat(KafkaSettings.masked(props).toString()).doesNotContain("oauth-s3cret");
  }

  @Test
  void passesRawJaasLineAndCustomHandlerThroughUnchanged() {
    String jaas = "io.strimzi.kafka.oauth.client.Login required oauth.client.id=\"x\";";

    Properties props =
        settings(
                "kafka.security-protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "OAUTHBEARER",
                "kafka.sasl.jaas-config", jaas,
                "kafka.sasl.login-callback-handler-class", "io.strimzi.Handler")
            .toProperties();

    assertThat(props)
        .containsEntry("sasl.jaas.config", jaas)
        .containsEntry("sasl.login.callback.handler.class", "io.strimzi.Handler")
        .doesNotContainKey("sasl.oauthbearer.token.endpoint.url");
  }

  @Test
  void givesProducersAcksAllIdempotenceAndTheTransactionalId() {
    Properties props = settings().producerProps("watcher-prod", "mw-watcher-prod");

    assertThat(props)
        .containsEntry("client.id", "watcher-prod")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("transactional.id", "mw-watcher-prod")
        .containsEntry("bootstrap.servers", "127.0.0.1:9092");
    assertThat(settings().producerProps("p", null)).doesNotContainKey("transactional.id");
  }

  @Test
  void givesConsumersReadCommittedManualCommitsAndEarliestReset() {
    Properties props = settings().consumerProps("alerting-1", "mw-alerting");

    assertThat(props)
        .containsEntry("group.id", "mw-alerting")
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("enable.auto.commit", "false")
        .containsEntry("auto.offset.reset", "earliest");
    assertThat(settings().adminProps("admin")).containsEntry("client.id", "admin");
  }

  @Test
  void producesPropertiesKafkaClientsAccept() {
    KafkaSettings settings = settings("kafka.client.linger.ms", "5");

    var producer =
        new KafkaProducer<>(
            settings.producerProps("p", null),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    var consumer =
        new KafkaConsumer<>(
            settings.consumerProps("c", "g"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    try {
      assertThat(producer.metrics()).isNotEmpty();
      assertThat(consumer.metrics()).isNotEmpty();
    } finally {
      producer.close(Duration.ZERO);
      consumer.close(CloseOptions.timeout(Duration.ZERO));
    }
  }

  @Test
  void passesRawClientPropertiesButRefusesManagedAndUnknownOnes() {
    assertThat(settings("kafka.client.max.poll.records", "10").consumerProps("c", "g"))
        .containsEntry("max.poll.records", "10");
    assertThatThrownBy(
            () ->
                settings(
                    "kafka.client.acks", "1",
                    "kafka.client.max.pol.records", "10"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "kafka.client.acks (flag kafka.client.acks): refused, set by meshwarden's"
                            + " client factories (acks=all: no write is lost when a broker fails)",
                        "kafka.client.max.pol.records (flag kafka.client.max.pol.records):"
                            + " max.pol.records is not a Kafka client property"));
  }

  @Test
  void refusesBlankClientId() {
    assertThatThrownBy(() -> settings().producerProps(" ", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
