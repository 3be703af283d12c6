package io.meshwarden.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.meshwarden.testkit.kubernetes.Fixtures;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The controllers share their lists: a pass with no write since lists nothing, and a write by any
 * client (here the test's, not the simulator's) or an API fault on lists makes the next pass list
 * again, so the controllers still see what a fresh list would show.
 */
class ListingsIT {

  @Test
  void controllersListAgainOnlyAfterAWrite() {
    try (SimulatedCluster cluster = SimulatedCluster.builder().nodes(1).start()) {
      Fixtures.namespace("shop").create(cluster.client());
      Fixtures.deployment("web").inNamespace("shop").withReplicas(2).create(cluster.client());
      cluster.advance(Duration.ofSeconds(5));
      long before = cluster.listsTaken();

      cluster.settle();
      assertThat(cluster.listsTaken()).isEqualTo(before);

      Fixtures.pod("bare").inNamespace("shop").create(cluster.client());
      cluster.settle();
      assertThat(cluster.listsTaken()).isGreaterThan(before);
      Pod bare = cluster.client().pods().inNamespace("shop").withName("bare").get();
      assertThat(bare.getStatus()).isNotNull();
      assertThat(bare.getStatus().getPhase()).isEqualTo("Pending");
    }
  }

  @Test
  void aFaultOnListsReachesTheControllersThoughNothingWasWritten() {
    try (SimulatedCluster cluster = SimulatedCluster.builder().nodes(1).start()) {
      Fixtures.namespace("shop").create(cluster.client());
      Fixtures.deployment("web").inNamespace("shop").withReplicas(1).create(cluster.client());
      cluster.advance(Duration.ofSeconds(5));
      long before = cluster.listsTaken();

      cluster.faults().apiError(500, Set.of("list"), "pods", Duration.ofSeconds(10), true);
      Throwable failure = null;
      try {
        cluster.settle();
      } catch (RuntimeException e) {
        failure = e;
      }
      assertThat(failure).isNotNull();
      assertThat(cluster.listsTaken()).isEqualTo(before);
    }
  }
}
