package io.meshwarden.watcher.verify;

import io.meshwarden.common.protocol.ObjectFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The difference between what a cluster holds and what its compacted topics say it holds. Facts are
 * compared without their version fields, so a status-only change is not a difference.
 *
 * @param missing keys live in the cluster with no value in Kafka
 * @param stale keys whose published facts differ from the cluster's
 * @param lingering keys with a value in Kafka for an object the cluster no longer has
 */
public record StateComparison(List<String> missing, List<String> stale, List<String> lingering) {

  /** Compares {@code cluster} (the truth) with {@code published} (the topics as a table). */
  public static StateComparison of(
      Map<String, ObjectFacts> cluster, Map<String, ObjectFacts> published) {
    List<String> missing = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    List<String> lingering = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(cluster.keySet());
    keys.addAll(published.keySet());
    for (String key : keys) {
      ObjectFacts truth = cluster.get(key);
      ObjectFacts seen = published.get(key);
      if (seen == null) {
        missing.add(key);
      } else if (truth == null) {
        lingering.add(key);
      } else if (!truth.withoutVersion().equals(seen.withoutVersion())) {
        stale.add(key);
      }
    }
    return new StateComparison(List.copyOf(missing), List.copyOf(stale), List.copyOf(lingering));
  }

  /** True when Kafka holds exactly the cluster's facts. */
  public boolean equal() {
    return missing.isEmpty() && stale.isEmpty() && lingering.isEmpty();
  }

  @Override
  public String toString() {
    return equal()
        ? "topics equal the cluster"
        : "missing " + head(missing) + ", stale " + head(stale) + ", lingering " + head(lingering);
  }

  private static String head(List<String> keys) {
    return keys.size() + (keys.isEmpty() ? "" : " " + keys.subList(0, Math.min(5, keys.size())));
  }
}
