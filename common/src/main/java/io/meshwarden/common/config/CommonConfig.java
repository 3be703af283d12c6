package io.meshwarden.common.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The common parameters as one immutable record.
 *
 * @param cluster the cluster name, empty for roles that span clusters (alerting)
 * @param topicPrefix first segment of every topic name
 * @param httpPort port of the ops HTTP server, 0 for any free port
 */
public record CommonConfig(Optional<String> cluster, String topicPrefix, int httpPort) {

  public CommonConfig {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
  }

  /** Reads the common parameters from loaded configuration. */
  public static CommonConfig from(Config config) {
    return new CommonConfig(
        config.find(CommonParameters.CLUSTER),
        config.get(CommonParameters.TOPIC_PREFIX),
        config.get(CommonParameters.HTTP_PORT));
  }

  /** The cluster name, failing with a {@link ConfigException} for roles that need one. */
  public String requireCluster() {
    return cluster.orElseThrow(
        () ->
            new ConfigException(
                CommonParameters.CLUSTER.key()
                    + ": required by this role but not set; set it in the configuration file, with"
                    + " environment variable "
                    + CommonParameters.CLUSTER.envName()
                    + " or with --set cluster=..."));
  }
}
