package io.meshwarden.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.WireCodec;
import io.meshwarden.common.topics.NamespacePartitioner;
import io.meshwarden.core.fixtures.Fixtures;
import io.meshwarden.reconciler.stream.FindingsTopic;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster rules on a real broker with two reconciler instances: a DestinationRule in one namespace
 * whose subset selects no pod of the Service in a namespace of another shard opens MW0130, stays
 * open without re-opening when an instance goes away, and resolves when a pod carries the labels.
 */
class ClusterRulesIT {

  @RegisterExtension static final KafkaCluster KAFKA = KafkaCluster.perClass();

  private static final String CLUSTER = "xns";
  private static final String FRONT = "front";
  private static final String BACK = "back";
  private static final String HOST = "reviews.back.svc.cluster.local";

  @TempDir Path tmp;

  private Reconciler first;
  private Reconciler second;
  private FindingsTopic topic;
  private KafkaProducer<String, byte[]> producer;

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {producer, topic, second, first}) {
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
  void subsetThatSelectsNoPodInAnotherShardOpensOnceSurvivesLosingAnInstanceAndResolves() {
    StreamFixture fx = new StreamFixture(KAFKA, null, CLUSTER, Duration.ofSeconds(1));
    fx.createTopics();
    assertThat(NamespacePartitioner.partitionOf(FRONT + "/x", 4))
        .as("the two namespaces live in different shards")
        .isNotEqualTo(NamespacePartitioner.partitionOf(BACK + "/x", 4));
    first = fx.reconciler(tmp.resolve("one"), "one", new SimpleMeterRegistry());
    second = fx.reconciler(tmp.resolve("two"), "two", new SimpleMeterRegistry());
    topic = fx.findings();
    producer = producer();
    await().atMost(Duration.ofSeconds(60)).until(() -> first.running() && second.running());

    send(fx, Fixtures.namespace(FRONT), Fixtures.namespace(BACK), reviewsService());
    send(fx, reviewsPod("reviews-abc-1", "v1"), reviewsPod("reviews-abc-2", "v1"));
    send(fx, destinationRule(), virtualService());
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> subsetNoPods(topic.poll().latest(Finding.State.OPEN)).size() == 1);
    Finding opened = subsetNoPods(topic.latest(Finding.State.OPEN)).get(0);
    assertThat(opened.subject().kind()).isEqualTo("DestinationRule");
    assertThat(opened.subject().namespace()).isEqualTo(FRONT);
    assertThat(opened.details()).containsEntry("subset", "v2").containsEntry("host", HOST);

    // Losing an instance moves its shards (maybe the cluster task): nothing re-opens.
    first.close();
    first = null;
    await().atMost(Duration.ofSeconds(60)).until(() -> second.running());
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(20))
        .until(() -> subsetNoPods(topic.poll().latest(Finding.State.OPEN)).size() == 1);

    send(fx, reviewsPod("reviews-abc-3", "v2"));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> subsetNoPods(topic.poll().latest(Finding.State.RESOLVED)).size() == 1);
    assertThat(subsetNoPods(topic.latest(Finding.State.OPEN))).isEmpty();
    assertThat(topic.openings()).containsEntry(opened.fingerprint(), 1L);
  }

  private static List<Finding> subsetNoPods(List<Finding> findings) {
    return findings.stream().filter(f -> f.code().equals("MW0130")).toList();
  }

  private void send(StreamFixture fx, ObjectFacts... facts) {
    for (ObjectFacts f : facts) {
      String t =
          f.kind().topic() == FactKind.Topic.MESH
              ? fx.names.mesh(CLUSTER)
              : fx.names.objects(CLUSTER);
      producer.send(new ProducerRecord<>(t, f.key(), WireCodec.encode(f)));
    }
    producer.flush();
  }

  private KafkaProducer<String, byte[]> producer() {
    Map<String, Object> props = KAFKA.producerProps();
    props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, NamespacePartitioner.class.getName());
    return new KafkaProducer<>(props);
  }

  private static ObjectFacts reviewsPod(String name, String version) {
    return Fixtures.pod(name)
        .in(BACK)
        .ofDeployment("reviews", "abc")
        .label("app", "reviews")
        .label("version", version)
        .build();
  }

  private static ServiceFacts reviewsService() {
    return new ServiceFacts(
        null,
        FactKind.Service,
        Fixtures.meta(BACK, "reviews", Map.of(), Map.of()),
        "ClusterIP",
        Map.of("app", "reviews"),
        List.of(new ServiceFacts.ServicePort("http", 9080, "9080", "TCP", null)),
        null,
        "10.0.0.10");
  }

  private static IstioConfigFacts destinationRule() {
    return istio(
        FactKind.DestinationRule,
        "{\"host\":\""
            + HOST
            + "\",\"subsets\":[{\"name\":\"v1\",\"labels\":{\"version\":\"v1\"}},"
            + "{\"name\":\"v2\",\"labels\":{\"version\":\"v2\"}}]}");
  }

  private static IstioConfigFacts virtualService() {
    return istio(
        FactKind.VirtualService,
        "{\"hosts\":[\""
            + HOST
            + "\"],\"http\":[{\"route\":[{\"destination\":{\"host\":\""
            + HOST
            + "\",\"subset\":\"v2\"}}]}]}");
  }

  private static IstioConfigFacts istio(FactKind kind, String spec) {
    try {
      return new IstioConfigFacts(
          null,
          kind,
          Fixtures.meta(FRONT, "reviews", Map.of(), Map.of()),
          "networking.istio.io/v1",
          WireCodec.mapper().readTree(spec));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
