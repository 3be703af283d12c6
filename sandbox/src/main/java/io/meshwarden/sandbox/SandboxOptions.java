package io.meshwarden.sandbox;

import io.meshwarden.common.topics.TopicNames;
import java.util.List;

/**
 * What the sandbox runs.
 *
 * @param clusters names of the simulated clusters, each a DNS-1123 label
 * @param httpPort port of the ops endpoints, 0 for a free one
 */
public record SandboxOptions(List<String> clusters, int httpPort) {

  public SandboxOptions {
    clusters = List.copyOf(clusters);
    if (clusters.isEmpty()) {
      throw new IllegalArgumentException("--clusters: name at least one cluster");
    }
    clusters.forEach(TopicNames::requireClusterName);
  }
}
