package io.meshwarden.common.topics;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Topic names under one prefix (default {@code mw}). Per-cluster topics embed the cluster name; the
 * findings, remediations and dead-letter topics are shared by every cluster.
 */
public record TopicNames(String prefix) {

  private static final Pattern PREFIX = Pattern.compile("[a-zA-Z0-9_-]+(\\.[a-zA-Z0-9_-]+)*");
  private static final Pattern CLUSTER = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** The longest prefix that leaves room for a 63-character cluster name and the longest suffix. */
  static final int MAX_PREFIX = 249 - 64 - ".remediation-requests".length();

  public TopicNames {
    Objects.requireNonNull(prefix, "prefix");
    if (!PREFIX.matcher(prefix).matches() || prefix.length() > MAX_PREFIX) {
      throw new IllegalArgumentException(
          "topic prefix '"
              + prefix
              + "' must be dot-separated words of letters, digits, '_' and '-', at most "
              + MAX_PREFIX
              + " characters");
    }
  }

  public static TopicNames defaults() {
    return new TopicNames("mw");
  }

  /** Facts of namespaced objects of {@code cluster}: compacted, partitioned by namespace. */
  public String objects(String cluster) {
    return perCluster(cluster, "objects");
  }

  /** Mesh-wide facts of {@code cluster}: compacted, read whole by every reconciler. */
  public String mesh(String cluster) {
    return perCluster(cluster, "mesh");
  }

  /**
   * What the reconciler's cluster-scope rules read of each namespace of {@code cluster}: compacted,
   * keyed by namespace, written by the reconciler's shards and read whole by its cluster task.
   */
  public String digests(String cluster) {
    return perCluster(cluster, "digests");
  }

  /** Remediation requests for {@code cluster}'s executor. */
  public String remediationRequests(String cluster) {
    return perCluster(cluster, "remediation-requests");
  }

  /** Findings of every cluster: compacted, keyed by fingerprint. */
  public String findings() {
    return prefix + ".findings";
  }

  /** The remediation audit log of every cluster. */
  public String remediations() {
    return prefix + ".remediations";
  }

  /** Notifications alerting could not deliver. */
  public String alertsDeadLetter() {
    return prefix + ".alerts.dlq";
  }

  /** Records a role could not read (poison records), with the reason in headers. */
  public String deadLetter() {
    return prefix + ".dlq";
  }

  /** Throws unless {@code cluster} is a DNS-1123 label (what Kubernetes allows for names). */
  public static String requireClusterName(String cluster) {
    if (cluster == null || !CLUSTER.matcher(cluster).matches()) {
      throw new IllegalArgumentException(
          "cluster name '"
              + cluster
              + "' must be a DNS-1123 label: lower-case letters, digits and '-', 1 to 63 long");
    }
    return cluster;
  }

  private String perCluster(String cluster, String suffix) {
    return prefix + "." + requireClusterName(cluster) + "." + suffix;
  }
}
