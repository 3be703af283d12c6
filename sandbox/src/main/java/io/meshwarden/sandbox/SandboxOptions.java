package io.meshwarden.sandbox;

import io.meshwarden.common.topics.TopicNames;
import java.net.URI;
import java.nio.file.Path;
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
 * @param scenarioDir where {@code <cluster>.yaml} replaces a cluster's built-in scenario; null: the
 *     built-in ones
 * @param alsoNotify webhooks that every alert also goes to, besides the printing receiver
 */
public record SandboxOptions(
    List<String> clusters,
    int httpPort,
    int namespaces,
    int pods,
    Duration chaosEvery,
    Path scenarioDir,
    List<URI> alsoNotify) {

  /** The defaults with these clusters and port: no extra load, no chaos. */
  public SandboxOptions(List<String> clusters, int httpPort) {
    this(clusters, httpPort, 0, 0, null, null, List.of());
  }

  public SandboxOptions {
    if (namespaces < 0 || pods < 0) {
      throw new IllegalArgumentException("--namespaces and --pods must not be negative");
    }
    if (pods > 0 && namespaces == 0) {
      throw new IllegalArgumentException("--pods needs --namespaces to spread them over");
    }
    clusters = List.copyOf(clusters);
    alsoNotify = List.copyOf(alsoNotify);
    if (clusters.isEmpty()) {
      throw new IllegalArgumentException("--clusters: name at least one cluster");
    }
    clusters.forEach(TopicNames::requireClusterName);
  }

  /**
   * These options with {@code <cluster>.yaml} files of {@code dir} replacing built-in scenarios.
   */
  public SandboxOptions withScenarioDir(Path dir) {
    return new SandboxOptions(clusters, httpPort, namespaces, pods, chaosEvery, dir, alsoNotify);
  }

  /** These options with every alert also sent to {@code webhooks}. */
  public SandboxOptions withAlsoNotify(List<URI> webhooks) {
    return new SandboxOptions(
        clusters, httpPort, namespaces, pods, chaosEvery, scenarioDir, webhooks);
  }
}
