package io.meshwarden.alerting.grouping;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which consumed records still have notifications to deliver. A record is held once per group it
 * joined and released when that group's notification is delivered or dead-lettered (or when the
 * group decides nothing needs sending). The committable offset of a partition is its lowest held
 * offset, or one past the highest seen when nothing is held: offsets never pass an undelivered
 * record. Not thread-safe: owned by the consumer thread.
 */
public final class OffsetTracker {

  private record TopicPartition(String topic, int partition) {}

  private final Map<TopicPartition, TreeMap<Long, Integer>> held = new HashMap<>();
  private final Map<TopicPartition, Long> next = new HashMap<>();

  /** Records that {@code ref} was consumed and is held {@code times} times (0: done already). */
  public void consumed(RecordRef ref, int times) {
    TopicPartition tp = new TopicPartition(ref.topic(), ref.partition());
    next.merge(tp, ref.offset() + 1, Math::max);
    if (times > 0) {
      held.computeIfAbsent(tp, k -> new TreeMap<>()).merge(ref.offset(), times, Integer::sum);
    }
  }

  /** Releases one hold on {@code ref}. */
  public void release(RecordRef ref) {
    TreeMap<Long, Integer> offsets = held.get(new TopicPartition(ref.topic(), ref.partition()));
    if (offsets != null) {
      offsets.computeIfPresent(ref.offset(), (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  /** The offset to commit for each partition seen: every record before it is done. */
  public Map<String, Map<Integer, Long>> committable() {
    Map<String, Map<Integer, Long>> out = new HashMap<>();
    next.forEach(
        (tp, nextOffset) -> {
          TreeMap<Long, Integer> offsets = held.get(tp);
          long commit = offsets == null || offsets.isEmpty() ? nextOffset : offsets.firstKey();
          out.computeIfAbsent(tp.topic(), k -> new HashMap<>()).put(tp.partition(), commit);
        });
    return out;
  }

  /** Forgets a partition (revoked): its holds no longer matter here. */
  public void forget(String topic, int partition) {
    TopicPartition tp = new TopicPartition(topic, partition);
    held.remove(tp);
    next.remove(tp);
  }

  /** Records still held, across partitions. */
  public int heldCount() {
    return held.values().stream().mapToInt(m -> m.values().stream().mapToInt(i -> i).sum()).sum();
  }
}
