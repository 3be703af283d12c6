package io.meshwarden.reconciler.stream;

import io.meshwarden.common.protocol.NamespaceDigest;
import io.meshwarden.reconciler.ReconcilerMetrics;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the cluster task may evaluate cluster rules: only once every shard has written its
 * readiness marker ({@link SyncMarkers}), i.e. published the digests of all the namespaces it
 * holds. Before that, a namespace that is merely not reported yet looks absent, and rules that read
 * absence as "nothing there" would open findings that later resolve. The shards are the objects
 * topic's partitions when known ({@code partitions > 0}); otherwise partitions 0 to the highest one
 * any marker or digest names. Logs once per task start while it waits, and keeps the {@code
 * cluster_rules_waiting} gauge. Owned by the cluster task's thread.
 */
final class ClusterGate {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterGate.class);

  private final int partitions;
  private final ReconcilerMetrics metrics;
  private boolean loggedWaiting;
  private boolean open;

  ClusterGate(int partitions, ReconcilerMetrics metrics) {
    this.partitions = partitions;
    this.metrics = metrics;
  }

  /** True when every shard has synced; updates the gauge and logs the first wait. */
  boolean open(Set<Integer> synced, Collection<NamespaceDigest> digests) {
    int expected = partitions > 0 ? partitions : highestSeen(synced, digests) + 1;
    List<Integer> missing =
        IntStream.range(0, expected).boxed().filter(p -> !synced.contains(p)).toList();
    boolean nowOpen = missing.isEmpty();
    if (!nowOpen && !loggedWaiting) {
      LOG.info(
          "Cluster rules wait until every shard has published its digests: partitions {} of {}{}"
              + " have not yet",
          missing,
          expected,
          partitions > 0 ? "" : " (partition count unknown: highest seen)");
      loggedWaiting = true;
    }
    if (nowOpen && !open) {
      LOG.info("All {} shards have published their digests; cluster rules are evaluated", expected);
    }
    open = nowOpen;
    metrics.clusterRulesWaiting(!nowOpen);
    return nowOpen;
  }

  /** The task closes: this instance no longer waits. */
  void close() {
    metrics.clusterRulesWaiting(false);
  }

  private static int highestSeen(Set<Integer> synced, Collection<NamespaceDigest> digests) {
    int max = 0;
    for (int p : synced) {
      max = Math.max(max, p);
    }
    for (NamespaceDigest d : digests) {
      max = Math.max(max, d.partition());
    }
    return max;
  }
}
