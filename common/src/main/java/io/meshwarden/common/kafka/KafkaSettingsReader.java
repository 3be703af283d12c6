package io.meshwarden.common.kafka;

import static io.meshwarden.common.kafka.KafkaParameters.*;

import io.meshwarden.common.config.Config;
import io.meshwarden.common.config.ConfigException;
import io.meshwarden.common.config.ConfigParameter;
import io.meshwarden.common.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * Turns loaded configuration into {@link KafkaSettings}, checking what single parameters cannot:
 * TLS and SASL keys only with a protocol that uses them, store files that exist, the keys each SASL
 * mechanism needs, and pass-through properties that Kafka knows and meshwarden does not set itself.
 * Collects every problem before failing.
 */
final class KafkaSettingsReader {

  private final Config config;
  private final List<String> problems = new ArrayList<>();

  KafkaSettingsReader(Config config) {
    this.config = config;
  }

  KafkaSettings read() {
    SecurityProtocol protocol = config.get(SECURITY_PROTOCOL);
    Optional<TlsSettings> tls = tls(protocol);
    Optional<SaslSettings> sasl = sasl(protocol);
    Map<String, String> passthrough = passthrough();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new KafkaSettings(config.get(BOOTSTRAP_SERVERS), protocol, tls, sasl, passthrough);
  }

  private Optional<TlsSettings> tls(SecurityProtocol protocol) {
    if (!KafkaSettings.usesTls(protocol)) {
      onlyWith(KafkaParameters.tls(), "SSL or SASL_SSL");
      return Optional.empty();
    }
    TlsSettings.Store truststore = store(TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE);
    TlsSettings.Store keystore = store(KEYSTORE_LOCATION, KEYSTORE_PASSWORD, KEYSTORE_TYPE);
    Secret keyPassword = config.find(KEY_PASSWORD).orElse(null);
    if (keyPassword != null && keystore == null) {
      needs(KEY_PASSWORD, KEYSTORE_LOCATION);
    }
    if (truststore == null && keystore == null) {
      return Optional.empty();
    }
    return Optional.of(new TlsSettings(truststore, keystore, keyPassword));
  }

  private TlsSettings.Store store(
      ConfigParameter<Path> location,
      ConfigParameter<Secret> password,
      ConfigParameter<TlsSettings.StoreType> type) {
    Optional<Path> file = config.find(location);
    if (file.isEmpty()) {
      config.find(password).ifPresent(p -> needs(password, location));
      config.find(type).ifPresent(t -> needs(type, location));
      return null;
    }
    if (!Files.isRegularFile(file.get()) || !Files.isReadable(file.get())) {
      problems.add(
          config.describe(location.key())
              + ": file "
              + file.get()
              + " does not exist or cannot be read");
    }
    return new TlsSettings.Store(
        file.get(), config.find(password).orElse(null), config.find(type).orElse(null));
  }

  private Optional<SaslSettings> sasl(SecurityProtocol protocol) {
    if (!KafkaSettings.usesSasl(protocol)) {
      onlyWith(KafkaParameters.sasl(), "SASL_PLAINTEXT or SASL_SSL");
      return Optional.empty();
    }
    Optional<SaslMechanism> mechanism = config.find(SASL_MECHANISM);
    if (mechanism.isEmpty()) {
      problems.add(
          SASL_MECHANISM.key()
              + ": required when "
              + config.describe(SECURITY_PROTOCOL.key())
              + " is "
              + protocol);
      return Optional.empty();
    }
    String handler = config.find(SASL_LOGIN_CALLBACK_HANDLER).orElse(null);
    Optional<Secret> jaas = config.find(SASL_JAAS_CONFIG);
    if (jaas.isPresent()) {
      conflicts(
          SASL_JAAS_CONFIG,
          List.of(SASL_USERNAME, SASL_PASSWORD, OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_SCOPE));
      return Optional.of(new SaslSettings.RawJaas(mechanism.get(), jaas.get(), handler));
    }
    if (mechanism.get().usesPassword()) {
      conflicts(
          SASL_MECHANISM,
          List.of(
              OAUTH_TOKEN_ENDPOINT_URL,
              OAUTH_CLIENT_ID,
              OAUTH_CLIENT_SECRET,
              OAUTH_SCOPE,
              SASL_LOGIN_CALLBACK_HANDLER));
      Optional<String> user = require(SASL_USERNAME, mechanism.get());
      Optional<Secret> password = require(SASL_PASSWORD, mechanism.get());
      return user.isEmpty() || password.isEmpty()
          ? Optional.empty()
          : Optional.of(
              new SaslSettings.UsernamePassword(mechanism.get(), user.get(), password.get()));
    }
    conflicts(SASL_MECHANISM, List.of(SASL_USERNAME, SASL_PASSWORD));
    Optional<String> url = require(OAUTH_TOKEN_ENDPOINT_URL, mechanism.get());
    Optional<String> clientId = require(OAUTH_CLIENT_ID, mechanism.get());
    Optional<Secret> secret = require(OAUTH_CLIENT_SECRET, mechanism.get());
    if (url.isEmpty() || clientId.isEmpty() || secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SaslSettings.OAuthBearer(
            url.get(),
            clientId.get(),
            secret.get(),
            config.find(OAUTH_SCOPE).orElse(null),
            handler));
  }

  private Map<String, String> passthrough() {
    Set<String> known = new HashSet<>(ProducerConfig.configNames());
    known.addAll(ConsumerConfig.configNames());
    known.addAll(AdminClientConfig.configNames());
    Map<String, String> props = config.prefix(CLIENT);
    for (String key : props.keySet()) {
      String full = CLIENT.key() + "." + key;
      String why = KafkaParameters.managed().get(key);
      if (why != null) {
        problems.add(config.describe(full) + ": refused, " + why);
      } else if (!known.contains(key)) {
        problems.add(config.describe(full) + ": " + key + " is not a Kafka client property");
      }
    }
    return props;
  }

  private <T> Optional<T> require(ConfigParameter<T> parameter, SaslMechanism mechanism) {
    Optional<T> value = config.find(parameter);
    if (value.isEmpty()) {
      problems.add(
          parameter.key()
              + ": required with "
              + config.describe(SASL_MECHANISM.key())
              + " = "
              + mechanism.kafkaName()
              + " (or give "
              + SASL_JAAS_CONFIG.key()
              + ")");
    }
    return value;
  }

  private void onlyWith(List<ConfigParameter<?>> parameters, String protocols) {
    for (ConfigParameter<?> p : parameters) {
      if (config.find(p).isPresent()) {
        problems.add(
            config.describe(p.key())
                + ": only used with "
                + protocols
                + ", but "
                + config.describe(SECURITY_PROTOCOL.key())
                + " is "
                + config.get(SECURITY_PROTOCOL));
      }
    }
  }

  private void needs(ConfigParameter<?> parameter, ConfigParameter<?> other) {
    problems.add(config.describe(parameter.key()) + ": set without " + other.key());
  }

  private void conflicts(ConfigParameter<?> reason, List<ConfigParameter<?>> unwanted) {
    for (ConfigParameter<?> p : unwanted) {
      if (config.find(p).isPresent()) {
        problems.add(
            config.describe(p.key())
                + ": not used together with "
                + config.describe(reason.key())
                + "; remove one");
      }
    }
  }
}
