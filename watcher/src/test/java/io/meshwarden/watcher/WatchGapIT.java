package io.meshwarden.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kafka.WithKafka;
import io.meshwarden.testkit.kubernetes.Fixtures;
import io.meshwarden.testkit.sim.SimClock;
import io.meshwarden.testkit.sim.SimEvent;
import io.meshwarden.testkit.sim.SimulatedCluster;
import io.meshwarden.watcher.verify.StateComparison;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Objects that change and vanish while the watcher's watches are down still converge. */
@WithKafka
class WatchGapIT {

  private static final String CLUSTER = "gap";
  private static final TopicNames NAMES = new TopicNames("gap");

  @Test
  void changesAndDeletionsDuringAWatchGapEndWithTheTopicsEqualToTheApi(KafkaCluster kafka) {
    SimClock clock = SimClock.manual();
    try (SimulatedCluster cluster = SimulatedCluster.builder().clock(clock).start()) {
      KubernetesClient client = cluster.client();
      Fixtures.namespace("shop").withLabel("istio-injection", "enabled").create(client);
      for (int i = 0; i < 60; i++) {
        Fixtures.pod("web-" + i).inNamespace("shop").withLabel("app", "web").create(client);
      }
      WatcherFixture fx =
          new WatcherFixture(kafka, client, () -> cluster.newClient(0), CLUSTER, NAMES.prefix());
      fx.createTopics();
      try (Watcher watcher = fx.start("gap-0", new SimpleMeterRegistry())) {
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.compare().equal());

        // Watches are cut and refused for a minute of simulated time; when they come back, the
        // resource version they resume from has expired (410), so informers must relist.
        long opened = cluster.watchesOpened();
        cluster.faults().apiError(503, Set.of("watch"), "*", Duration.ofMinutes(1), false);
        cluster.faults().expireWatches();
        for (int i = 0; i < 20; i++) {
          client.pods().inNamespace("shop").withName("web-" + i).delete();
        }
        for (int i = 20; i < 40; i++) {
          client
              .pods()
              .inNamespace("shop")
              .withName("web-" + i)
              .edit(
                  (Pod p) -> {
                    p.getMetadata().getLabels().put("version", "v2");
                    return p;
                  });
        }
        for (int i = 60; i < 80; i++) {
          Fixtures.pod("web-" + i).inNamespace("shop").withLabel("app", "web").create(client);
        }

        StateComparison during = fx.compare();
        assertThat(during.lingering()).as("deletions hidden by the gap").hasSize(20);
        assertThat(cluster.watchesOpened()).as("no watch got through").isEqualTo(opened);
        clock.advance(Duration.ofMinutes(2));

        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(1))
            .untilAsserted(() -> assertThat(fx.compare().equal()).as("%s", fx.compare()).isTrue());
        assertThat(cluster.events().ofType(SimEvent.Type.FAULT_STARTED)).isNotEmpty();
      }
    }
  }
}
