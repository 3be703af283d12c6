package io.meshwarden.watcher.bench;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwarden.common.kafka.KafkaSettings;
import io.meshwarden.common.topics.TopicAdmin;
import io.meshwarden.common.topics.TopicLayout;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kubernetes.Fixtures;
import io.meshwarden.testkit.kubernetes.KubernetesApi;
import io.meshwarden.watcher.Watcher;
import io.meshwarden.watcher.WatcherConfig;
import io.meshwarden.watcher.election.Leadership;
import io.meshwarden.watcher.publish.LeaderTerm;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The watcher's throughput benchmark, not a test: it asserts nothing and runs only when named,
 * {@code mvn -pl watcher test -Dtest=WatcherThroughputBench -Dbench.pods=10000}. It seeds the mock
 * API server with realistic injected pods, then starts one watcher and measures how fast the
 * informer list flows through projection to acknowledged transactional publication, the records and
 * bytes per 1,000 pod events, publish latency, and the watcher's heap; then a churn phase of label
 * updates. Results go to stdout and {@code target/bench/watcher.txt}.
 */
class WatcherThroughputBench {

  @RegisterExtension static final KafkaCluster KAFKA = KafkaCluster.perClass();
  @RegisterExtension static final KubernetesApi API = KubernetesApi.perClass();

  private static final String CLUSTER = "bench";
  private static final TopicNames NAMES = new TopicNames("bench");

  @Test
  void measure() throws Exception {
    int pods = Integer.getInteger("bench.pods", 10_000);
    int namespaces = Math.max(1, pods / 100);
    KubernetesClient client = API.client();
    try (Admin admin = KAFKA.admin()) {
      new TopicAdmin(admin, Duration.ofSeconds(30))
          .ensure(new TopicLayout(NAMES, (short) 1, 12, 3).forCluster(CLUSTER), true);
    }
    long seedStart = System.nanoTime();
    for (int n = 0; n < namespaces; n++) {
      Fixtures.namespace("ns-" + n).withLabel("istio-injection", "enabled").create(client);
    }
    for (int i = 0; i < pods; i++) {
      client.pods().inNamespace("ns-" + (i % namespaces)).resource(InjectedPod.build(i)).create();
    }
    double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
    long heapBefore = usedHeapAfterGc();

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    long start = System.nanoTime();
    try (Watcher watcher =
        new Watcher(config(), API.newClient(), registry, Clock.systemUTC()).start()) {
      await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> published(registry) >= pods + namespaces);
      double listSeconds = (System.nanoTime() - start) / 1e9;
      long heapAfter = usedHeapAfterGc();
      long[] bytes = topicRecordsAndBytes();

      int updates = Math.min(2000, pods);
      double before = published(registry);
      Timer listLatency = registry.find("meshwarden.watcher.publish.latency").timer();
      long countBefore = listLatency.count();
      double totalBefore = listLatency.totalTime(TimeUnit.MILLISECONDS);
      long churnStart = System.nanoTime();
      for (int i = 0; i < updates; i++) {
        String ns = "ns-" + (i % namespaces);
        String name = "web-" + i;
        client
            .pods()
            .inNamespace(ns)
            .withName(name)
            .edit(
                (Pod p) -> {
                  p.getMetadata().getLabels().put("version", "v2");
                  return p;
                });
      }
      double apiSeconds = (System.nanoTime() - churnStart) / 1e9;
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> published(registry) >= before + updates);
      double churnSeconds = (System.nanoTime() - churnStart) / 1e9;
      Timer latency = registry.find("meshwarden.watcher.publish.latency").timer();

      List<String> lines = new ArrayList<>();
      lines.add("pods seeded: " + pods + " in " + namespaces + " namespaces");
      lines.add(
          String.format(
              "mock API seeding: %.1f s (%.0f creates/s; the mock's cost)",
              seedSeconds, pods / seedSeconds));
      lines.add(
          String.format(
              "initial list -> acknowledged publish: %.2f s, %.0f objects/s",
              listSeconds, (pods + namespaces) / listSeconds));
      lines.add(
          String.format(
              "records per 1,000 pod events: %.0f; bytes per 1,000 pod events: %.0f KB (avg record %d B)",
              1000.0 * bytes[0] / pods,
              bytes[1] / (double) pods,
              bytes[1] / Math.max(1, bytes[0])));
      lines.add(
          String.format(
              "churn: %d label updates issued in %.2f s (%.0f/s, the mock's pace), all published after %.2f s",
              updates, apiSeconds, updates / apiSeconds, churnSeconds));
      for (ValueAtPercentile p : latency.takeSnapshot().percentileValues()) {
        lines.add(
            String.format(
                "publish latency (list + churn) p%.0f: %.1f ms",
                p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
      }
      lines.add(
          String.format(
              "publish latency during churn (observed -> committed), mean: %.1f ms over %d records",
              (latency.totalTime(TimeUnit.MILLISECONDS) - totalBefore)
                  / (latency.count() - countBefore),
              latency.count() - countBefore));
      lines.add(
          String.format(
              "watcher heap: %.1f MB for %d pods = %.1f MB per 10,000 pods",
              (heapAfter - heapBefore) / 1e6,
              pods,
              (heapAfter - heapBefore) / 1e6 * 10_000 / pods));
      Path out = Path.of("target", "bench", "watcher.txt");
      Files.createDirectories(out.getParent());
      Files.write(out, lines);
      lines.forEach(System.out::println);
    }
  }

  private static double published(SimpleMeterRegistry registry) {
    return registry.find("meshwarden.watcher.records.published").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static long[] topicRecordsAndBytes() {
    long records = 0;
    long bytes = 0;
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(KAFKA.consumerProps("bench-size"))) {
      List<TopicPartition> parts = new ArrayList<>();
      consumer
          .partitionsFor(NAMES.objects(CLUSTER))
          .forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      var end = consumer.endOffsets(parts);
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          records++;
          bytes += r.serializedKeySize() + Math.max(0, r.serializedValueSize());
        }
      }
    }
    return new long[] {records, bytes};
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static WatcherConfig config() {
    return new WatcherConfig(
        CLUSTER,
        NAMES.prefix(),
        0,
        KafkaSettings.plaintext(List.of(KAFKA.bootstrapServers().split(","))),
        new Leadership.Settings(
            "meshwarden",
            "bench-watcher",
            "bench-0",
            Duration.ofSeconds(15),
            Duration.ofSeconds(10),
            Duration.ofSeconds(2)),
        Set.of("istio-system"),
        List.of(),
        List.of(),
        Set.of(),
        500,
        Duration.ofMinutes(10),
        new LeaderTerm.Batching(2000, Duration.ofMillis(50), Duration.ofSeconds(1)),
        false);
  }
}
