package io.meshwarden.common.config;

import java.util.List;

/**
 * Parameters every role reads. Kafka's live in {@code io.meshwarden.common.kafka.KafkaParameters};
 * a role's schema is these, Kafka's and its own.
 */
public final class CommonParameters {

  /** The Kubernetes cluster this process works for; part of its topic names. */
  public static final ConfigParameter<String> CLUSTER =
      ConfigParameter.optional(
              "cluster",
              ConfigType.STRING,
              "Name of the Kubernetes cluster this process watches or reconciles, a DNS-1123 label;"
                  + " part of the per-cluster topic names. Required by the watcher and the"
                  + " reconciler.")
          .validatedBy(ConfigValidator.dns1123Label());

  /** First segment of every topic name. */
  public static final ConfigParameter<String> TOPIC_PREFIX =
      ConfigParameter.withDefault(
              "topic-prefix",
              ConfigType.STRING,
              "mw",
              "First segment of every topic name (the mw of mw.findings): letters, digits, '.',"
                  + " '_' and '-'.")
          .validatedBy(ConfigValidator.topicNameChars());

  /** Port of the ops HTTP server. */
  public static final ConfigParameter<Integer> HTTP_PORT =
      ConfigParameter.withDefault(
          "http.port",
          ConfigType.PORT,
          8080,
          "Port of the HTTP server for /metrics, /healthz and /readyz; 0 picks a free port.");

  private CommonParameters() {}

  /** All of them, for a schema. */
  public static List<ConfigParameter<?>> all() {
    return List.of(CLUSTER, TOPIC_PREFIX, HTTP_PORT);
  }
}
