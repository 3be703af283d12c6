package io.meshwarden.common.kafka;

import io.meshwarden.common.config.Secret;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.SslConfigs;

/**
 * TLS material for clients: a truststore to check the brokers, and a keystore when the brokers want
 * client certificates (mutual TLS, as Strimzi's {@code tls} users). Either may be null: no
 * truststore means the JVM's default trust.
 *
 * @param truststore the brokers' CA, or null
 * @param keystore this client's certificate and key, or null
 * @param keyPassword the private key's password inside the keystore, or null
 */
public record TlsSettings(Store truststore, Store keystore, Secret keyPassword) {

  /** Store formats Kafka reads. */
  public enum StoreType {
    JKS,
    PKCS12,
    PEM
  }

  /**
   * One key or trust store file.
   *
   * @param location the file
   * @param password its password, or null
   * @param type its format, or null for Kafka's default (JKS)
   */
  public record Store(Path location, Secret password, StoreType type) {
    public Store {
      Objects.requireNonNull(location, "location");
    }
  }

  /** Adds {@code ssl.*} client properties. */
  public void addTo(Map<String, String> props) {
    if (truststore != null) {
      props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.location().toString());
      putIfSet(props, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststore.password());
      putIfSet(props, SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, truststore.type());
    }
    if (keystore != null) {
      props.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystore.location().toString());
      putIfSet(props, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, keystore.password());
      putIfSet(props, SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, keystore.type());
    }
    putIfSet(props, SslConfigs.SSL_KEY_PASSWORD_CONFIG, keyPassword);
  }

  private static void putIfSet(Map<String, String> props, String key, Object value) {
    if (value instanceof Secret secret) {
      props.put(key, secret.reveal());
    } else if (value != null) {
      props.put(key, value.toString());
    }
  }
}
