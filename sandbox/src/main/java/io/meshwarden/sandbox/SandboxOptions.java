package io.meshwarden.sandbox;

import io.meshwarden.common.topics.TopicNames;
import java.time.Duration;
import java.util.List;

/**
 * What the sandbox runs.
 *
 * @param clusters names of the simulated clusters, each a DNS-1123 label
 * @param httpPort port of the ops endpoints, 0 for a free one
 * @param namespaces extra injected namespaces of healthy workloads per cluster (load)
 * @param pods pods of those extra workloads per cluster, spread over them
 * @param chaosEvery kill the leading watcher and a reconciler instance this often; null: never
 */
public record SandboxOptions(
    List<String> clusters, int httpPort, int namespaces, int pods, Duration chaosEvery) {

  /** The defaults with these clusters and port: no extra load, no chaos. */
  public SandboxOptions(List<String> clusters, int httpPort) {
    this(clusters, httpPort, 0, 0, null);
  }

  public SandboxOptions {
    if (namespaces < 0 || pods < 0) {
      throw new IllegalArgumentException("--namespaces and --pods must not be negative");
    }
    if (pods > 0 && namespaces == 0) {
      throw new IllegalArgumentException("--pods needs --namespaces to spread them over");
    }
    clusters = List.copyOf(clusters);
    if (clusters.isEmpty()) {
      throw new IllegalArgumentException("--clusters: name at least one cluster");
    }
    clusters.forEach(TopicNames::requireClusterName);
  }
}
