package io.meshwarden.common.kafka;

import io.meshwarden.common.config.ConfigKey;
import io.meshwarden.common.config.ConfigParameter;
import io.meshwarden.common.config.ConfigPrefix;
import io.meshwarden.common.config.ConfigType;
import io.meshwarden.common.config.ConfigValidator;
import io.meshwarden.common.config.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * The {@code kafka.*} parameters every role that talks to Kafka reads; see {@link KafkaSettings}.
 */
public final class KafkaParameters {

  public static final ConfigParameter<List<String>> BOOTSTRAP_SERVERS =
      ConfigParameter.required(
              "kafka.bootstrap-servers",
              ConfigType.STRING_LIST,
              "Kafka brokers to connect to first, as host:port pairs separated by commas.")
          .validatedBy(ConfigValidator.hostPortList());

  public static final ConfigParameter<SecurityProtocol> SECURITY_PROTOCOL =
      ConfigParameter.withDefault(
          "kafka.security-protocol",
          ConfigType.enumOf(SecurityProtocol.class),
          SecurityProtocol.PLAINTEXT,
          "How clients talk to the brokers: in the clear or over TLS, with or without SASL.");

  public static final ConfigParameter<Path> TRUSTSTORE_LOCATION =
      ConfigParameter.optional(
          "kafka.tls.truststore-location",
          ConfigType.PATH,
          "Truststore with the brokers' CA (with SSL or SASL_SSL); the file must exist."
              + " Unset: the JVM's default trust.");

  public static final ConfigParameter<Secret> TRUSTSTORE_PASSWORD =
      ConfigParameter.secret("kafka.tls.truststore-password", "Password of the truststore.");

  public static final ConfigParameter<TlsSettings.StoreType> TRUSTSTORE_TYPE =
      ConfigParameter.optional(
          "kafka.tls.truststore-type",
          ConfigType.enumOf(TlsSettings.StoreType.class),
          "Format of the truststore. Unset: Kafka's default, JKS.");

  public static final ConfigParameter<Path> KEYSTORE_LOCATION =
      ConfigParameter.optional(
          "kafka.tls.keystore-location",
          ConfigType.PATH,
          "Keystore with this client's certificate and key, for mutual TLS; the file must exist.");

  public static final ConfigParameter<Secret> KEYSTORE_PASSWORD =
      ConfigParameter.secret("kafka.tls.keystore-password", "Password of the keystore.");

  public static final ConfigParameter<TlsSettings.StoreType> KEYSTORE_TYPE =
      ConfigParameter.optional(
          "kafka.tls.keystore-type",
          ConfigType.enumOf(TlsSettings.StoreType.class),
          "Format of the keystore. Unset: Kafka's default, JKS.");

  public static final ConfigParameter<Secret> KEY_PASSWORD =
      ConfigParameter.secret(
          "kafka.tls.key-password", "Password of the private key inside the keystore.");

  public static final ConfigParameter<SaslMechanism> SASL_MECHANISM =
      ConfigParameter.optional(
          "kafka.sasl.mechanism",
          ConfigType.enumOf(SaslMechanism.class, SaslMechanism::kafkaName),
          "SASL mechanism; required with SASL_PLAINTEXT or SASL_SSL.");

  public static final ConfigParameter<String> SASL_USERNAME =
      ConfigParameter.optional(
          "kafka.sasl.username", ConfigType.STRING, "User for PLAIN and SCRAM mechanisms.");

  public static final ConfigParameter<Secret> SASL_PASSWORD =
      ConfigParameter.secret("kafka.sasl.password", "Password for PLAIN and SCRAM mechanisms.");

  public static final ConfigParameter<Secret> SASL_JAAS_CONFIG =
      ConfigParameter.secret(
          "kafka.sasl.jaas-config",
          "A complete sasl.jaas.config line; replaces the user, password and OAuth client"
              + " settings.");

  public static final ConfigParameter<String> SASL_LOGIN_CALLBACK_HANDLER =
      ConfigParameter.optional(
          "kafka.sasl.login-callback-handler-class",
          ConfigType.STRING,
          "Login callback handler class for OAUTHBEARER or a raw JAAS line. Unset with"
              + " OAUTHBEARER: Kafka's OAuthBearerLoginCallbackHandler.");

  public static final ConfigParameter<String> OAUTH_TOKEN_ENDPOINT_URL =
      ConfigParameter.optional(
              "kafka.sasl.oauth.token-endpoint-url",
              ConfigType.STRING,
              "OAuth token endpoint for OAUTHBEARER. The JVM must allow it in system property"
                  + " org.apache.kafka.sasl.oauthbearer.allowed.urls.")
          .validatedBy(ConfigValidator.httpUrl());

  public static final ConfigParameter<String> OAUTH_CLIENT_ID =
      ConfigParameter.optional(
          "kafka.sasl.oauth.client-id", ConfigType.STRING, "OAuth client id for OAUTHBEARER.");

  public static final ConfigParameter<Secret> OAUTH_CLIENT_SECRET =
      ConfigParameter.secret(
          "kafka.sasl.oauth.client-secret", "OAuth client secret for OAUTHBEARER.");

  public static final ConfigParameter<String> OAUTH_SCOPE =
      ConfigParameter.optional(
          "kafka.sasl.oauth.scope", ConfigType.STRING, "OAuth scope to request, if any.");

  public static final ConfigPrefix CLIENT =
      ConfigPrefix.of(
          "kafka.client",
          "Raw Kafka client properties for every producer, consumer and admin client, such as"
              + " kafka.client.max.poll.records. Properties meshwarden sets itself are refused.");

  private KafkaParameters() {}

  /** All of them, for a schema. */
  public static List<ConfigKey> all() {
    return List.of(
        BOOTSTRAP_SERVERS,
        SECURITY_PROTOCOL,
        TRUSTSTORE_LOCATION,
        TRUSTSTORE_PASSWORD,
        TRUSTSTORE_TYPE,
        KEYSTORE_LOCATION,
        KEYSTORE_PASSWORD,
        KEYSTORE_TYPE,
        KEY_PASSWORD,
        SASL_MECHANISM,
        SASL_USERNAME,
        SASL_PASSWORD,
        SASL_JAAS_CONFIG,
        SASL_LOGIN_CALLBACK_HANDLER,
        OAUTH_TOKEN_ENDPOINT_URL,
        OAUTH_CLIENT_ID,
        OAUTH_CLIENT_SECRET,
        OAUTH_SCOPE,
        CLIENT);
  }

  /** The TLS parameters, to check they are only set when TLS is on. */
  static List<ConfigParameter<?>> tls() {
    return List.of(
        TRUSTSTORE_LOCATION,
        TRUSTSTORE_PASSWORD,
        TRUSTSTORE_TYPE,
        KEYSTORE_LOCATION,
        KEYSTORE_PASSWORD,
        KEYSTORE_TYPE,
        KEY_PASSWORD);
  }

  /** The SASL parameters, to check they are only set when SASL is on. */
  static List<ConfigParameter<?>> sasl() {
    return List.of(
        SASL_MECHANISM,
        SASL_USERNAME,
        SASL_PASSWORD,
        SASL_JAAS_CONFIG,
        SASL_LOGIN_CALLBACK_HANDLER,
        OAUTH_TOKEN_ENDPOINT_URL,
        OAUTH_CLIENT_ID,
        OAUTH_CLIENT_SECRET,
        OAUTH_SCOPE);
  }

  /** Why each property that {@code kafka.client.*} may not set is refused. */
  static Map<String, String> managed() {
    String typed = "set by a kafka.* parameter; use that";
    String factory = "set by meshwarden's client factories";
    return Map.ofEntries(
        Map.entry("bootstrap.servers", "use kafka.bootstrap-servers"),
        Map.entry("security.protocol", "use kafka.security-protocol"),
        Map.entry("sasl.mechanism", "use kafka.sasl.mechanism"),
        Map.entry("sasl.jaas.config", "use kafka.sasl.jaas-config"),
        Map.entry(
            "sasl.login.callback.handler.class", "use kafka.sasl.login-callback-handler-class"),
        Map.entry("sasl.oauthbearer.token.endpoint.url", "use kafka.sasl.oauth.token-endpoint-url"),
        Map.entry("ssl.truststore.location", typed),
        Map.entry("ssl.truststore.password", typed),
        Map.entry("ssl.truststore.type", typed),
        Map.entry("ssl.keystore.location", typed),
        Map.entry("ssl.keystore.password", typed),
        Map.entry("ssl.keystore.type", typed),
        Map.entry("ssl.key.password", typed),
        Map.entry("client.id", factory),
        Map.entry("group.id", factory),
        Map.entry("transactional.id", factory),
        Map.entry("acks", factory + " (acks=all: no write is lost when a broker fails)"),
        Map.entry("enable.idempotence", factory + " (retries must not duplicate records)"),
        Map.entry("isolation.level", factory + " (read_committed: never read aborted writes)"),
        Map.entry("enable.auto.commit", factory + " (offsets are committed after processing)"),
        Map.entry("auto.offset.reset", factory + " (earliest: compacted topics are read whole)"));
  }
}
