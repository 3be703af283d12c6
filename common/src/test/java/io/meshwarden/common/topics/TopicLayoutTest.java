package io.meshwarden.common.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {

  @Test
  void productionTopicsAreReplicatedThreeTimesWithTwoInSyncReplicas() {
    TopicLayout layout = TopicLayout.production(TopicNames.defaults());

    List<TopicSpec> all = new java.util.ArrayList<>(layout.forCluster("prod-eu"));
    all.addAll(layout.shared());

    assertThat(all)
        .allSatisfy(
            t -> {
              assertThat(t.replicationFactor()).isEqualTo((short) 3);
              assertThat(t.configs()).containsEntry("min.insync.replicas", "2");
            });
  }

  @Test
  void stateTopicsAreCompactedAndLogsAreNot() {
    TopicLayout layout = TopicLayout.production(TopicNames.defaults());

    assertThat(layout.forCluster("c"))
        .filteredOn(
            t ->
                t.name().endsWith(".objects")
                    || t.name().endsWith(".mesh")
                    || t.name().endsWith(".digests"))
        .hasSize(3)
        .allSatisfy(t -> assertThat(t.configs()).containsEntry("cleanup.policy", "compact"));
    assertThat(layout.shared())
        .filteredOn(t -> t.name().equals("mw.findings"))
        .singleElement()
        .satisfies(t -> assertThat(t.configs()).containsEntry("cleanup.policy", "compact"));
    assertThat(layout.shared())
        .filteredOn(t -> t.name().equals("mw.remediations"))
        .singleElement()
        .satisfies(t -> assertThat(t.configs()).containsEntry("cleanup.policy", "delete"));
  }

  @Test
  void remediationRequestsHaveOnePartitionSoOneExecutorActsInOrder() {
    TopicLayout layout = TopicLayout.production(TopicNames.defaults());

    assertThat(layout.forCluster("c"))
        .filteredOn(t -> t.name().endsWith(".remediation-requests"))
        .singleElement()
        .satisfies(t -> assertThat(t.partitions()).isEqualTo(1));
  }

  @Test
  void digestsHaveOnePartitionSoOneTaskReadsEveryNamespace() {
    TopicLayout layout = TopicLayout.production(TopicNames.defaults());

    assertThat(layout.forCluster("c"))
        .filteredOn(t -> t.name().equals("mw.c.digests"))
        .singleElement()
        .satisfies(t -> assertThat(t.partitions()).isEqualTo(1));
  }

  @Test
  void aSingleBrokerLayoutLowersTheInSyncMinimumSoWritesSucceed() {
    TopicLayout layout = new TopicLayout(TopicNames.defaults(), (short) 1, 3, 3);

    assertThat(layout.shared())
        .allSatisfy(t -> assertThat(t.configs()).containsEntry("min.insync.replicas", "1"));
  }
}
