package io.meshwarden.common.kafka;

import io.meshwarden.common.config.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler;

/**
 * How a client authenticates with SASL. Each variant writes its own client properties; secrets stay
 * in {@link Secret}s, so a variant's {@code toString()} never shows them.
 */
public sealed interface SaslSettings
    permits SaslSettings.UsernamePassword, SaslSettings.OAuthBearer, SaslSettings.RawJaas {

  /** The mechanism. */
  SaslMechanism mechanism();

  /** Adds {@code sasl.*} client properties. */
  void addTo(Map<String, String> props);

  /**
   * PLAIN or SCRAM with a user name and password: meshwarden writes the JAAS line.
   *
   * @param mechanism PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512
   * @param username the user
   * @param password the password
   */
  record UsernamePassword(SaslMechanism mechanism, String username, Secret password)
      implements SaslSettings {

    public UsernamePassword {
      Objects.requireNonNull(mechanism, "mechanism");
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (!mechanism.usesPassword()) {
        throw new IllegalArgumentException(mechanism.kafkaName() + " takes no password");
      }
    }

    @Override
    public void addTo(Map<String, String> props) {
      Map<String, String> options = new LinkedHashMap<>();
      options.put("username", username);
      options.put("password", password.reveal());
      props.put(SaslConfigs.SASL_MECHANISM, mechanism.kafkaName());
      props.put(SaslConfigs.SASL_JAAS_CONFIG, Jaas.line(mechanism.loginModule(), options));
    }
  }

  /**
   * OAUTHBEARER with the client-credentials grant against a token endpoint, through Kafka's own
   * login callback handler unless another is named (for example Strimzi's OAuth client).
   *
   * @param tokenEndpointUrl where tokens come from
   * @param clientId the OAuth client
   * @param clientSecret its secret
   * @param scope the scope to ask for, or null
   * @param loginCallbackHandlerClass the handler class, or null for Kafka's
   */
  record OAuthBearer(
      String tokenEndpointUrl,
      String clientId,
      Secret clientSecret,
      String scope,
      String loginCallbackHandlerClass)
      implements SaslSettings {

    /** Kafka's handler for the client-credentials grant. */
    public static final String DEFAULT_HANDLER = OAuthBearerLoginCallbackHandler.class.getName();

    public OAuthBearer {
      Objects.requireNonNull(tokenEndpointUrl, "tokenEndpointUrl");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public SaslMechanism mechanism() {
      return SaslMechanism.OAUTHBEARER;
    }

    @Override
    public void addTo(Map<String, String> props) {
      Map<String, String> options = new LinkedHashMap<>();
      options.put("clientId", clientId);
      options.put("clientSecret", clientSecret.reveal());
      options.put("scope", scope);
      props.put(SaslConfigs.SASL_MECHANISM, mechanism().kafkaName());
      props.put(SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL, tokenEndpointUrl);
      props.put(
          SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS,
          loginCallbackHandlerClass == null ? DEFAULT_HANDLER : loginCallbackHandlerClass);
      props.put(SaslConfigs.SASL_JAAS_CONFIG, Jaas.line(mechanism().loginModule(), options));
    }
  }

  /**
   * A JAAS line given whole, for anything the other variants do not cover.
   *
   * @param mechanism the mechanism
   * @param jaasConfig the complete {@code sasl.jaas.config} value
   * @param loginCallbackHandlerClass a login callback handler class, or null for none
   */
  record RawJaas(SaslMechanism mechanism, Secret jaasConfig, String loginCallbackHandlerClass)
      implements SaslSettings {

    public RawJaas {
      Objects.requireNonNull(mechanism, "mechanism");
      Objects.requireNonNull(jaasConfig, "jaasConfig");
    }

    @Override
    public void addTo(Map<String, String> props) {
      props.put(SaslConfigs.SASL_MECHANISM, mechanism.kafkaName());
      props.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig.reveal());
      if (loginCallbackHandlerClass != null) {
        props.put(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS, loginCallbackHandlerClass);
      }
    }
  }
}
