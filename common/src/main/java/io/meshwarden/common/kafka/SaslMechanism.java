package io.meshwarden.common.kafka;

import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;

/** The SASL mechanisms meshwarden configures, with Kafka's name and login module for each. */
public enum SaslMechanism {
  /** User name and password sent as they are; use only over TLS. */
  PLAIN("PLAIN", PlainLoginModule.class.getName()),
  /** Salted challenge-response with SHA-256 (Strimzi's {@code scram-sha-512} users use 512). */
  SCRAM_SHA_256("SCRAM-SHA-256", ScramLoginModule.class.getName()),
  /** Salted challenge-response with SHA-512. */
  SCRAM_SHA_512("SCRAM-SHA-512", ScramLoginModule.class.getName()),
  /** OAuth 2 bearer tokens from a token endpoint (client-credentials grant). */
  OAUTHBEARER("OAUTHBEARER", OAuthBearerLoginModule.class.getName());

  private final String kafkaName;
  private final String loginModule;

  SaslMechanism(String kafkaName, String loginModule) {
    this.kafkaName = kafkaName;
    this.loginModule = loginModule;
  }

  /** The value of Kafka's {@code sasl.mechanism}. */
  public String kafkaName() {
    return kafkaName;
  }

  /** The JAAS login module class for this mechanism. */
  public String loginModule() {
    return loginModule;
  }

  /** Whether this mechanism logs in with a user name and password. */
  public boolean usesPassword() {
    return this != OAUTHBEARER;
  }
}
