package io.meshwarden.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.PeerAuthenticationFacts;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kubernetes.Fixtures;
import io.meshwarden.testkit.kubernetes.IstioKind;
import io.meshwarden.testkit.kubernetes.KubernetesApi;
import io.meshwarden.watcher.verify.TopicTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WatcherIT {

  @RegisterExtension static final KafkaCluster KAFKA = KafkaCluster.perClass();
  @RegisterExtension static final KubernetesApi API = KubernetesApi.perClass();

  private final List<Watcher> replicas = new ArrayList<>();

  @AfterEach
  void stopReplicas() {
    replicas.forEach(Watcher::close);
  }

  private Watcher replica(WatcherFixture fx, String identity) {
    Watcher w = fx.start(identity, new SimpleMeterRegistry());
    replicas.add(w);
    return w;
  }

  private static Watcher awaitPublisher(List<Watcher> candidates, Duration within) {
    return await()
        .atMost(within)
        .until(
            () -> candidates.stream().filter(Watcher::publishing).findFirst().orElse(null),
            w -> w != null);
  }

  @Test
  void exactlyOneOfThreeLeadsAndTheTopicsEqualTheApiAfterChurn() {
    WatcherFixture fx = new WatcherFixture(KAFKA, API, "churn", "churn");
    fx.createTopics();
    KubernetesClient client = API.client();
    for (int n = 0; n < 10; n++) {
      Fixtures.namespace("churn-" + n).withLabel("istio-injection", "enabled").create(client);
    }
    List<Watcher> three = List.of(replica(fx, "w-0"), replica(fx, "w-1"), replica(fx, "w-2"));
    awaitPublisher(three, Duration.ofSeconds(30));

    Churn.run(client, 10, 5000, new Random(42));

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(fx.compare().equal()).as("%s", fx.compare()).isTrue());
    assertThat(three.get(0).index().size()).as("facts known").isGreaterThan(1000);
    assertThat(three.stream().filter(Watcher::leading)).hasSize(1);
    assertThat(three.stream().filter(Watcher::publishing)).hasSize(1);
  }

  @Test
  void aNewLeaderPublishesWithinTheLeaseAfterTheLeaderDiesAndNothingIsLost() {
    WatcherFixture fx = new WatcherFixture(KAFKA, API, "failover", "failover");
    fx.createTopics();
    KubernetesClient client = API.client();
    for (int n = 0; n < 5; n++) {
      Fixtures.namespace("failover-" + n).create(client);
    }
    List<Watcher> live = new ArrayList<>(List.of(replica(fx, "f-0"), replica(fx, "f-1")));
    Random random = new Random(7);
    for (int kill = 0; kill < 10; kill++) {
      Watcher leader = awaitPublisher(live, Duration.ofSeconds(30));
      Churn.run(client, 5, 40, random);
      leader.crash();
      live.remove(leader);
      live.add(replica(fx, "f-" + (kill + 2)));
      Churn.run(client, 5, 40, random);
      // lease duration (2 s) + 5 s
      awaitPublisher(live, Duration.ofSeconds(7));
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(fx.compare().equal()).as("%s", fx.compare()).isTrue());
  }

  @Test
  void aStatusUpdateThatChangesNoFactProducesNoRecord() {
    WatcherFixture fx = new WatcherFixture(KAFKA, API, "quiet", "quiet");
    fx.createTopics();
    KubernetesClient client = API.client();
    Fixtures.namespace("quiet").create(client);
    Fixtures.pod("web-0").inNamespace("quiet").withLabel("app", "web").create(client);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Watcher w = fx.start("q-0", registry);
    replicas.add(w);
    awaitPublisher(List.of(w), Duration.ofSeconds(30));
    await().atMost(Duration.ofSeconds(30)).until(() -> fx.compare().equal());
    long before = endOffsets(fx);
    double suppressedBefore = suppressed(registry);

    Pod pod = client.pods().inNamespace("quiet").withName("web-0").get();
    pod.setStatus(new PodStatusBuilder().withPodIP("10.1.2.3").withHostIP("192.0.2.1").build());
    client.pods().inNamespace("quiet").resource(pod).updateStatus();

    await().atMost(Duration.ofSeconds(30)).until(() -> suppressed(registry) > suppressedBefore);
    assertThat(w.index().dirty().size()).isZero();
    assertThat(endOffsets(fx)).isEqualTo(before);
  }

  @Test
  void publishesPeerAuthenticationsToTheMeshTopicAndFollowsTheirMode() {
    WatcherFixture fx = new WatcherFixture(KAFKA, API, "peerauth", "peerauth");
    fx.createTopics();
    KubernetesClient client = API.client();
    Fixtures.namespace("mtls").create(client);
    var policies = client.genericKubernetesResources(IstioKind.PEER_AUTHENTICATION.context());
    policies.inNamespace("mtls").resource(peerAuthentication("mtls", "STRICT")).create();
    awaitPublisher(List.of(replica(fx, "p-0")), Duration.ofSeconds(30));
    String key = "PeerAuthentication/mtls/default";

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(fx.compare().equal()).as("%s", fx.compare()).isTrue();
              assertThat(published(fx, key))
                  .extracting(PeerAuthenticationFacts::mode)
                  .isEqualTo("STRICT");
            });

    policies
        .inNamespace("mtls")
        .withName("default")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"mtls\":{\"mode\":\"PERMISSIVE\"}}}");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(published(fx, key))
                    .extracting(PeerAuthenticationFacts::mode)
                    .isEqualTo("PERMISSIVE"));

    policies.inNamespace("mtls").withName("default").delete();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(published(fx, key)).isNull());
  }

  private static GenericKubernetesResource peerAuthentication(String namespace, String mode) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(IstioKind.PEER_AUTHENTICATION.apiVersion())
        .withKind(IstioKind.PEER_AUTHENTICATION.kind())
        .withNewMetadata()
        .withName("default")
        .withNamespace(namespace)
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", Map.of("mtls", Map.of("mode", mode))))
        .build();
  }

  /** The fact the mesh topic holds for {@code key}, or null. */
  private static PeerAuthenticationFacts published(WatcherFixture fx, String key) {
    ObjectFacts f =
        TopicTable.read(
                fx.config("reader").kafka().consumerProps("reader", "reader"),
                List.of(fx.names.mesh(fx.cluster)))
            .get(key);
    return (PeerAuthenticationFacts) f;
  }

  private static double suppressed(SimpleMeterRegistry registry) {
    return registry.find("meshwarden.watcher.facts.suppressed").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static long endOffsets(WatcherFixture fx) {
    try (var consumer =
        new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(
            KAFKA.consumerProps("offsets"))) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String t : List.of(fx.names.objects(fx.cluster), fx.names.mesh(fx.cluster))) {
        consumer
            .partitionsFor(t)
            .forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
      }
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
