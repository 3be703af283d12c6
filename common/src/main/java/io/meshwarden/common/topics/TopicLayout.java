package io.meshwarden.common.topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The topics meshwarden needs and their configs. Production defaults: replication factor 3, {@code
 * min.insync.replicas=2}; a smaller replication factor (a sandbox) lowers the ISR minimum with it
 * so writes still succeed.
 *
 * @param names topic names under the configured prefix
 * @param replicationFactor replication factor of every topic
 * @param objectPartitions partitions of each cluster's objects topic: the number of reconciler
 *     shards it can be split into
 * @param findingPartitions partitions of the shared findings topic
 */
public record TopicLayout(
    TopicNames names, short replicationFactor, int objectPartitions, int findingPartitions) {

  public static TopicLayout production(TopicNames names) {
    return new TopicLayout(names, (short) 3, 12, 12);
  }

  /** The topics one cluster's watcher and reconciler use. */
  public List<TopicSpec> forCluster(String cluster) {
    return List.of(
        new TopicSpec(names.objects(cluster), objectPartitions, replicationFactor, compacted()),
        // One partition: every reconciler instance reads the whole mesh topic anyway.
        new TopicSpec(names.mesh(cluster), 1, replicationFactor, compacted()),
        // One partition: the reconciler's cluster task reads every namespace's digest whole.
        new TopicSpec(names.digests(cluster), 1, replicationFactor, compacted()),
        // One partition: one executor per cluster acts, in request order.
        new TopicSpec(
            names.remediationRequests(cluster),
            1,
            replicationFactor,
            deleting(Duration.ofDays(7))));
  }

  /** The topics shared by all clusters. */
  public List<TopicSpec> shared() {
    return List.of(
        new TopicSpec(names.findings(), findingPartitions, replicationFactor, compacted()),
        new TopicSpec(names.remediations(), 3, replicationFactor, deleting(Duration.ofDays(90))),
        new TopicSpec(
            names.alertsDeadLetter(), 1, replicationFactor, deleting(Duration.ofDays(30))),
        new TopicSpec(names.deadLetter(), 1, replicationFactor, deleting(Duration.ofDays(30))));
  }

  private Map<String, String> compacted() {
    Map<String, String> c = base();
    c.put("cleanup.policy", "compact");
    // Tombstones stay a day so a reader that restarts within that time still sees deletions.
    c.put("delete.retention.ms", Long.toString(Duration.ofDays(1).toMillis()));
    // Roll segments hourly so compaction can reach recent duplicates.
    c.put("segment.ms", Long.toString(Duration.ofHours(1).toMillis()));
    return c;
  }

  private Map<String, String> deleting(Duration retention) {
    Map<String, String> c = base();
    c.put("cleanup.policy", "delete");
    c.put("retention.ms", Long.toString(retention.toMillis()));
    return c;
  }

  private Map<String, String> base() {
    Map<String, String> c = new TreeMap<>();
    c.put("min.insync.replicas", Integer.toString(Math.min(2, replicationFactor)));
    return c;
  }
}
