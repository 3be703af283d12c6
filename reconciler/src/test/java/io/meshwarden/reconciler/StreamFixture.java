package io.meshwarden.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwarden.common.kafka.KafkaSettings;
import io.meshwarden.common.topics.TopicAdmin;
import io.meshwarden.common.topics.TopicLayout;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.common.topics.TopicSpec;
import io.meshwarden.core.lifecycle.LifecycleSettings;
import io.meshwarden.core.rules.RuleEngine;
import io.meshwarden.reconciler.stream.FindingsTopic;
import io.meshwarden.reconciler.stream.StreamSettings;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.sim.SimulatedCluster;
import io.meshwarden.watcher.Watcher;
import io.meshwarden.watcher.WatcherConfig;
import io.meshwarden.watcher.election.Leadership;
import io.meshwarden.watcher.publish.LeaderTerm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * Wires the whole path for end-to-end tests: topics on a test Kafka, a watcher over a simulated
 * cluster, reconciler instances with short holds, and a reader of the findings topic.
 */
final class StreamFixture {

  final KafkaCluster kafka;
  final SimulatedCluster sim;
  final String cluster;
  final TopicNames names;
  final Duration hold;

  StreamFixture(KafkaCluster kafka, SimulatedCluster sim, String cluster, Duration hold) {
    this.kafka = kafka;
    this.sim = sim;
    this.cluster = cluster;
    this.names = new TopicNames(cluster);
    this.hold = hold;
  }

  void createTopics() {
    TopicLayout layout = new TopicLayout(names, (short) 1, 4, 4);
    List<TopicSpec> specs = new ArrayList<>(layout.forCluster(cluster));
    specs.addAll(layout.shared());
    try (Admin admin = kafka.admin()) {
      new TopicAdmin(admin, Duration.ofSeconds(30)).ensure(specs, true);
    }
  }

  private KafkaSettings kafkaSettings() {
    return KafkaSettings.plaintext(List.of(kafka.bootstrapServers().split(",")));
  }

  Watcher watcher() {
    WatcherConfig config =
        new WatcherConfig(
            cluster,
            names.prefix(),
            0,
            kafkaSettings(),
            new Leadership.Settings(
                "meshwarden",
                names.prefix() + "-watcher-" + cluster,
                "w-0",
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
    return new Watcher(config, sim.newClient(3), new SimpleMeterRegistry(), Clock.systemUTC())
        .start();
  }

  ReconcilerConfig reconcilerConfig(Path stateDir) {
    StreamSettings streams =
        new StreamSettings(
            cluster,
            names,
            new LifecycleSettings(hold, Map.of(), Duration.ofHours(1)),
            Duration.ofMillis(100),
            Duration.ofMillis(100),
            Duration.ofMinutes(10));
    return new ReconcilerConfig(
        streams, 0, kafkaSettings(), 1, 0, stateDir, Duration.ofMillis(100), false);
  }

  Reconciler reconciler(Path stateDir, String instance, SimpleMeterRegistry registry) {
    return new Reconciler(
            reconcilerConfig(stateDir),
            RuleEngine.standard(),
            registry,
            Clock.systemUTC(),
            instance)
        .start();
  }

  FindingsTopic findings() {
    return new FindingsTopic(kafka.consumerProps("reader-" + System.nanoTime()), names.findings());
  }

  /** Writes every object the watcher would publish as one YAML file, as kubectl would dump it. */
  Path dump(Path dir) {
    KubernetesClient c = sim.client();
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(c.namespaces().list().getItems());
    objects.addAll(c.pods().inAnyNamespace().list().getItems());
    objects.addAll(c.apps().deployments().inAnyNamespace().list().getItems());
    objects.addAll(c.apps().replicaSets().inAnyNamespace().list().getItems());
    objects.addAll(c.apps().statefulSets().inAnyNamespace().list().getItems());
    objects.addAll(c.apps().daemonSets().inAnyNamespace().list().getItems());
    objects.addAll(c.services().inAnyNamespace().list().getItems());
    objects.addAll(c.configMaps().inNamespace("istio-system").list().getItems());
    objects.addAll(
        c.admissionRegistration().v1().mutatingWebhookConfigurations().list().getItems());
    StringBuilder yaml = new StringBuilder();
    Stream.of(objects.toArray(HasMetadata[]::new))
        .filter(o -> !"kube-system".equals(o.getMetadata().getNamespace()))
        .filter(o -> !"kube-system".equals(o.getMetadata().getName()))
        .forEach(o -> yaml.append("---\n").append(c.getKubernetesSerialization().asYaml(o)));
    try {
      Path file = dir.resolve("dump.yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
