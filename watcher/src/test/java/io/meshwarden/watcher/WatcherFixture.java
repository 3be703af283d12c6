package io.meshwarden.watcher;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwarden.common.kafka.KafkaSettings;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.topics.TopicAdmin;
import io.meshwarden.common.topics.TopicLayout;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kubernetes.KubernetesApi;
import io.meshwarden.watcher.election.Leadership;
import io.meshwarden.watcher.informers.ObjectProjector;
import io.meshwarden.watcher.publish.LeaderTerm;
import io.meshwarden.watcher.verify.ClusterSnapshot;
import io.meshwarden.watcher.verify.StateComparison;
import io.meshwarden.watcher.verify.TopicTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;

/** Builds watcher replicas against a test Kafka and mock API server, and checks their output. */
final class WatcherFixture {

  final KafkaCluster kafka;
  final KubernetesApi api;
  final String cluster;
  final TopicNames names;

  WatcherFixture(KafkaCluster kafka, KubernetesApi api, String cluster, String prefix) {
    this.kafka = kafka;
    this.api = api;
    this.cluster = cluster;
    this.names = new TopicNames(prefix);
  }

  void createTopics() {
    try (Admin admin = kafka.admin()) {
      new TopicAdmin(admin, Duration.ofSeconds(30))
          .ensure(new TopicLayout(names, (short) 1, 4, 4).forCluster(cluster), true);
    }
  }

  WatcherConfig config(String identity) {
    return new WatcherConfig(
        cluster,
        names.prefix(),
        0,
        KafkaSettings.plaintext(List.of(kafka.bootstrapServers().split(","))),
        new Leadership.Settings(
            "meshwarden",
            names.prefix() + "-watcher-" + cluster,
            identity,
            Duration.ofSeconds(2),
            Duration.ofMillis(1500),
            Duration.ofMillis(250)),
        Set.of("istio-system"),
        List.of(),
        List.of("kube-system"),
        Set.of(),
        100,
        Duration.ofMinutes(10),
        new LeaderTerm.Batching(500, Duration.ofMillis(20), Duration.ofMillis(200)),
        false);
  }

  Watcher start(String identity, SimpleMeterRegistry registry) {
    return new Watcher(config(identity), api.newClient(), registry, Clock.systemUTC()).start();
  }

  /** The API's state projected, compared with the topics read as tables. */
  StateComparison compare() {
    KubernetesClient client = api.client();
    ObjectProjector projector =
        new ObjectProjector(
            client.getKubernetesSerialization(),
            new FactProjector(cluster, MeshKeys.standard(), Clock.systemUTC()));
    WatcherConfig config = config("checker");
    Map<String, ObjectFacts> truth =
        ClusterSnapshot.take(
            client, projector, config.controlPlaneNamespaces(), config.namespaceFilter());
    Map<String, ObjectFacts> published =
        TopicTable.read(
            config.kafka().consumerProps("checker", "checker"),
            List.of(names.objects(cluster), names.mesh(cluster)));
    return StateComparison.of(truth, published);
  }
}
