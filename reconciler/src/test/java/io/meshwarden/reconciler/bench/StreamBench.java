package io.meshwarden.reconciler.bench;

import io.meshwarden.common.kafka.KafkaSettings;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.WireCodec;
import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.common.topics.NamespacePartitioner;
import io.meshwarden.common.topics.TopicAdmin;
import io.meshwarden.common.topics.TopicLayout;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.common.topics.TopicSpec;
import io.meshwarden.core.fixtures.Fixtures;
import io.meshwarden.core.lifecycle.LifecycleSettings;
import io.meshwarden.core.rules.RuleEngine;
import io.meshwarden.reconciler.Reconciler;
import io.meshwarden.reconciler.ReconcilerConfig;
import io.meshwarden.reconciler.stream.StreamSettings;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not in the suite. One broker in the JVM, one reconciler instance (hold 0):
 *
 * <ol>
 *   <li>throughput: N namespaces × M pods without sidecars in injected namespaces are published at
 *       once; facts/s = facts / time until every namespace's finding counts all its pods;
 *   <li>latency: one new bare pod at a time, stamped {@code observedAt = now}; latency = the time
 *       its finding is read back from the findings topic minus {@code observedAt}.
 * </ol>
 *
 * <p>Run: {@code mvn -B -pl reconciler test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test} then {@code java -cp
 * target/test-classes:target/classes:$(cat target/cp.txt)
 * io.meshwarden.reconciler.bench.StreamBench [namespaces] [podsPerNamespace] [probes]}.
 */
public final class StreamBench {

  private static final Logger LOG = LoggerFactory.getLogger(StreamBench.class);
  private static final String CLUSTER = "bench";

  private StreamBench() {}

  public static void main(String[] args) throws Exception {
    int namespaces = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int pods = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    int probes = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    try (KafkaCluster kafka = KafkaCluster.standalone().start()) {
      TopicNames names = new TopicNames("bench");
      TopicLayout layout = new TopicLayout(names, (short) 1, 4, 4);
      List<TopicSpec> specs = new ArrayList<>(layout.forCluster(CLUSTER));
      specs.addAll(layout.shared());
      try (Admin admin = kafka.admin()) {
        new TopicAdmin(admin, Duration.ofSeconds(30)).ensure(specs, true);
      }
      StreamSettings settings =
          new StreamSettings(
              CLUSTER,
              names,
              new LifecycleSettings(Duration.ZERO, Map.of(), Duration.ofHours(1)),
              Duration.ofMillis(100),
              Duration.ofMillis(50),
              Duration.ofHours(1));
      ReconcilerConfig config =
          new ReconcilerConfig(
              settings,
              0,
              KafkaSettings.plaintext(List.of(kafka.bootstrapServers().split(","))),
              1,
              0,
              Files.createTempDirectory("stream-bench"),
              Duration.ofMillis(100),
              false);
      Map<String, Instant> seen = new ConcurrentHashMap<>();
      Map<String, Integer> affected = new ConcurrentHashMap<>();
      Thread reader = reader(kafka, names.findings(), seen, affected);
      try (Reconciler r =
              new Reconciler(
                      config,
                      RuleEngine.standard(),
                      new SimpleMeterRegistry(),
                      Clock.systemUTC(),
                      "bench")
                  .start();
          KafkaProducer<String, byte[]> producer = producer(kafka)) {
        while (!r.running()) {
          Thread.onSpinWait();
        }
        throughput(producer, names, namespaces, pods, affected);
        latency(producer, names, probes, seen);
      } finally {
        reader.interrupt();
      }
    }
  }

  private static void throughput(
      KafkaProducer<String, byte[]> producer,
      TopicNames names,
      int namespaces,
      int pods,
      Map<String, Integer> affected)
      throws InterruptedException {
    long start = System.nanoTime();
    for (int n = 0; n < namespaces; n++) {
      send(producer, names, Fixtures.namespace("ns-" + n, "istio-injection", "enabled"));
      for (int p = 0; p < pods; p++) {
        send(
            producer,
            names,
            Fixtures.pod("web-abc-" + p).in("ns-" + n).ofDeployment("web", "abc").build());
      }
    }
    producer.flush();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> affected.values().stream().filter(c -> c == pods).count() >= namespaces);
    double seconds = (System.nanoTime() - start) / 1e9;
    long facts = (long) namespaces * (pods + 1);
    LOG.info(
        "throughput: {} facts ({} namespaces x {} pods) evaluated in {} s = {} facts/s",
        facts,
        namespaces,
        pods,
        String.format("%.2f", seconds),
        String.format("%.0f", facts / seconds));
    System.out.printf(
        "THROUGHPUT facts=%d seconds=%.2f facts_per_second=%.0f%n",
        facts, seconds, facts / seconds);
  }

  private static void latency(
      KafkaProducer<String, byte[]> producer,
      TopicNames names,
      int probes,
      Map<String, Instant> seen)
      throws InterruptedException {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < probes; i++) {
      String workload = "probe" + i;
      ObjectFacts pod =
          Fixtures.pod(workload + "-x-1").in("ns-" + (i % 10)).ofDeployment(workload, "x").build();
      Instant observed = Instant.now();
      FactMeta m = pod.meta();
      pod =
          pod.withMeta(
              new FactMeta(
                  m.cluster(),
                  m.namespace(),
                  m.name(),
                  m.uid(),
                  m.resourceVersion(),
                  observed,
                  m.creationTimestamp(),
                  m.labels(),
                  m.annotations()));
      send(producer, names, pod);
      producer.flush();
      Instant at =
          org.awaitility.Awaitility.await()
              .atMost(Duration.ofMinutes(1))
              .pollInterval(Duration.ofMillis(1))
              .until(() -> seen.get(workload), java.util.Objects::nonNull);
      millis.add(Duration.between(observed, at).toMillis());
    }
    millis.sort(Long::compare);
    long p50 = millis.get(millis.size() / 2);
    long p99 = millis.get(Math.min(millis.size() - 1, (int) Math.ceil(millis.size() * 0.99) - 1));
    System.out.printf(
        "LATENCY probes=%d p50_ms=%d p99_ms=%d max_ms=%d%n",
        probes, p50, p99, millis.get(millis.size() - 1));
  }

  private static void send(
      KafkaProducer<String, byte[]> producer, TopicNames names, ObjectFacts f) {
    String topic =
        f.kind().topic() == io.meshwarden.common.protocol.FactKind.Topic.MESH
            ? names.mesh(CLUSTER)
            : names.objects(CLUSTER);
    producer.send(new ProducerRecord<>(topic, f.key(), WireCodec.encode(f)));
  }

  private static KafkaProducer<String, byte[]> producer(KafkaCluster kafka) {
    Map<String, Object> props = kafka.producerProps();
    props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, NamespacePartitioner.class.getName());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(props);
  }

  private static Thread reader(
      KafkaCluster kafka, String topic, Map<String, Instant> seen, Map<String, Integer> affected) {
    Thread t =
        new Thread(
            () -> {
              try (KafkaConsumer<String, byte[]> c =
                  new KafkaConsumer<>(kafka.consumerProps("bench-reader"))) {
                List<TopicPartition> parts =
                    c.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
                c.assign(parts);
                while (!Thread.currentThread().isInterrupted()) {
                  for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(5))) {
                    Finding f = WireSerde.findings().deserialize(topic, r.value());
                    if (f != null && f.code().equals("MW0001")) {
                      seen.putIfAbsent(f.subject().name(), Instant.now());
                      affected.put(
                          f.subject().namespace(),
                          Integer.parseInt(f.details().getOrDefault("affectedPods", "0")));
                    }
                  }
                }
              } catch (org.apache.kafka.common.errors.InterruptException e) {
                // stopping
              }
            },
            "bench-reader");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
