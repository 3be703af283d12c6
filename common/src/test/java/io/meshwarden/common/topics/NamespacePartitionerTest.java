package io.meshwarden.common.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.FactKeys;
import io.meshwarden.common.protocol.FactKind;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NamespacePartitionerTest {

  @Test
  void everyObjectOfOneNamespaceLandsInOnePartition() {
    Set<Integer> partitions = new HashSet<>();
    for (FactKind kind : FactKind.values()) {
      if (kind.topic() == FactKind.Topic.OBJECTS) {
        IntStream.range(0, 50)
            .forEach(
                i ->
                    partitions.add(
                        NamespacePartitioner.partitionOf(
                            FactKeys.keyOf(kind, "shop", "obj-" + i), 12)));
      }
    }

    assertThat(partitions).hasSize(1);
  }

  @Test
  void namespacesSpreadOverPartitions() {
    Set<Integer> partitions = new HashSet<>();
    IntStream.range(0, 200)
        .forEach(
            i ->
                partitions.add(
                    NamespacePartitioner.partitionOf(
                        FactKeys.keyOf(FactKind.Pod, "ns-" + i, "p"), 12)));

    assertThat(partitions).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void aKeyThatIsNotAFactKeyStillGetsAStablePartition() {
    int p = NamespacePartitioner.partitionOf("garbage", 12);

    assertThat(p).isBetween(0, 11).isEqualTo(NamespacePartitioner.partitionOf("garbage", 12));
  }
}
