package io.meshwarden.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.reconciler.stream.FindingsTopic;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kubernetes.Fixtures;
import io.meshwarden.testkit.sim.Revision;
import io.meshwarden.testkit.sim.SimClock;
import io.meshwarden.testkit.sim.SimulatedCluster;
import io.meshwarden.watcher.Watcher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path: simulated cluster, watcher, Kafka, two reconciler instances. One test walks the
 * issue's story (label after the pods ran, lose an instance, fix the drift) and checks the stream
 * against {@code analyze} on a dump of the same objects on the way.
 */
class ReconcilerIT {

  @RegisterExtension static final KafkaCluster KAFKA = KafkaCluster.perClass();

  private static final Duration HOLD = Duration.ofSeconds(2);
  private static final Set<String> WORKLOADS = Set.of("web", "api", "db");

  @TempDir Path tmp;

  private SimulatedCluster sim;
  private Watcher watcher;
  private Reconciler first;
  private Reconciler second;
  private FindingsTopic topic;

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {topic, second, first, watcher, sim}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // best effort
      }
    }
  }

  @Test
  void labellingOpensOneFindingPerWorkloadSurvivesLosingAnInstanceAndResolvesWhenFixed()
      throws Exception {
    sim = SimulatedCluster.builder().clock(SimClock.system()).nodes(2).start();
    sim.controlPlane().install(Revision.of("1-24-0", "1.24.0").asDefault());
    KubernetesClient k8s = sim.client();
    Fixtures.namespace("shop").create(k8s);
    for (String w : WORKLOADS) {
      Fixtures.deployment(w).inNamespace("shop").withReplicas(2).create(k8s);
    }
    sim.runInBackground(Duration.ofMillis(200));

    StreamFixture fx = new StreamFixture(KAFKA, sim, "e2e", HOLD);
    fx.createTopics();
    watcher = fx.watcher();
    SimpleMeterRegistry r1 = new SimpleMeterRegistry();
    first = fx.reconciler(tmp.resolve("one"), "one", r1);
    SimpleMeterRegistry r2 = new SimpleMeterRegistry();
    second = fx.reconciler(tmp.resolve("two"), "two", r2);
    topic = fx.findings();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> first.running() && second.running() && watcher.publishing());
    // The shop pods are in the stores once some shard measured the namespace's coverage.
    await().atMost(Duration.ofSeconds(30)).until(() -> podsEvaluated(r1) || podsEvaluated(r2));

    Instant labelled = Instant.now();
    k8s.namespaces()
        .withName("shop")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"labels\":{\"istio-injection\":\"enabled\"}}}");
    await()
        .atMost(HOLD.plusSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> sidecarMissing(topic.poll().latest(Finding.State.OPEN)).equals(WORKLOADS));
    System.out.printf(
        "label -> %d findings open: %s%n",
        WORKLOADS.size(), Duration.between(labelled, Instant.now()));

    // One oracle for both paths: the stream's open set equals analyze on a dump.
    // Re-dumped on each try: a finding of another rule may still be inside its hold.
    Path dumpDir = Files.createDirectories(tmp.resolve("dump"));
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              fx.dump(dumpDir);
              assertThat(identities(topic.poll().latest(Finding.State.OPEN)))
                  .isNotEmpty()
                  .isEqualTo(identities(AnalyzeOracle.findings(dumpDir, "e2e")));
            });

    // Losing an instance moves its shards; nothing re-opens and nothing is lost.
    first.close();
    first = null;
    await().atMost(Duration.ofSeconds(60)).until(() -> second.running());
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(20))
        .until(() -> sidecarMissing(topic.poll().latest(Finding.State.OPEN)).equals(WORKLOADS));
    assertThat(topic.openings().values()).allMatch(n -> n == 1L);

    // Fixing the drift (a rollout through the injector) resolves every finding.
    for (String w : WORKLOADS) {
      k8s.apps()
          .deployments()
          .inNamespace("shop")
          .withName(w)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":"
                  + "{\"kubectl.kubernetes.io/restartedAt\":\""
                  + Instant.now()
                  + "\"}}}}}");
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> sidecarMissing(topic.poll().latest(Finding.State.OPEN)).isEmpty());
    assertThat(sidecarMissing(topic.latest(Finding.State.RESOLVED))).isEqualTo(WORKLOADS);
    assertThat(topic.openings().values()).allMatch(n -> n == 1L);
  }

  private static boolean podsEvaluated(SimpleMeterRegistry registry) {
    return registry.find("meshwarden.injection.pods.expected").tag("namespace", "shop").gauge()
        != null;
  }

  private static Set<String> sidecarMissing(List<Finding> findings) {
    return findings.stream()
        .filter(f -> f.code().equals("MW0001"))
        .map(f -> f.subject().name())
        .collect(Collectors.toSet());
  }

  private static Set<String> identities(List<Finding> findings) {
    return findings.stream()
        .map(
            f ->
                f.code()
                    + " "
                    + f.subject().kind()
                    + " "
                    + f.subject().namespace()
                    + "/"
                    + f.subject().name())
        .collect(Collectors.toSet());
  }
}
