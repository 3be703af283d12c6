package io.meshwarden.common.topics;

import io.meshwarden.common.protocol.FactKeys;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * Sends every fact of one namespace to one partition, so one reconciler shard sees a namespace
 * whole. Hashes the key's namespace part with murmur2, like Kafka's default partitioner hashes
 * whole keys; a key that is not a fact key is hashed whole.
 */
public final class NamespacePartitioner implements Partitioner {

  /** The partition of {@code key} among {@code partitions}. */
  public static int partitionOf(String key, int partitions) {
    String basis;
    try {
      basis = FactKeys.parse(key).namespace();
    } catch (IllegalArgumentException e) {
      basis = key;
    }
    return Utils.toPositive(Utils.murmur2(basis.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  @Override
  public int partition(
      String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
    int partitions = cluster.partitionsForTopic(topic).size();
    String k;
    if (key instanceof String s) {
      k = s;
    } else {
      k = keyBytes == null ? "" : new String(keyBytes, StandardCharsets.UTF_8);
    }
    return partitionOf(k, partitions);
  }

  @Override
  public void close() {
    // Stateless.
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // Stateless.
  }
}
