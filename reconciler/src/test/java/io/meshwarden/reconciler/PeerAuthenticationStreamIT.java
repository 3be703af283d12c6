package io.meshwarden.reconciler;

import static io.meshwarden.core.fixtures.Fixtures.namespace;
import static io.meshwarden.core.fixtures.Fixtures.peerAuthentication;
import static io.meshwarden.core.fixtures.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ProbeFacts;
import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.common.topics.NamespacePartitioner;
import io.meshwarden.reconciler.stream.FindingsTopic;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * MW0006 in the stream: PeerAuthentication facts on the mesh topic reach every shard through the
 * global store and decide, with a namespace's pods on the objects topic, whether unrewritten probes
 * meet STRICT mTLS. Facts are published as the watcher would (keys, partitioner, serde), so the
 * test is about the reconciler alone.
 */
class PeerAuthenticationStreamIT {

  @RegisterExtension static final KafkaCluster KAFKA = KafkaCluster.perClass();

  private static final String REWRITE_OFF = "sidecar.istio.io/rewriteAppHTTPProbers";
  private static final ProbeFacts HTTP_8080 =
      new ProbeFacts("httpGet", "8080", "/ready", null, "HTTP");

  @TempDir Path tmp;

  private Reconciler reconciler;
  private FindingsTopic topic;
  private KafkaProducer<String, ObjectFacts> producer;

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {producer, topic, reconciler}) {
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
  void strictPeerAuthenticationOpensMw0006AndPermissiveResolvesItAndMeshWideStrictApplies() {
    StreamFixture fx = new StreamFixture(KAFKA, null, "pa", Duration.ZERO);
    fx.createTopics();
    reconciler = fx.reconciler(tmp.resolve("r"), "r", new SimpleMeterRegistry());
    topic = fx.findings();
    producer = producer();
    await().atMost(Duration.ofSeconds(60)).until(() -> reconciler.running());

    publish(fx, namespace("shop", "istio-injection", "enabled"));
    publish(fx, namespace("billing", "istio-injection", "enabled"));
    publish(fx, probeRewriteOff("web-a", "shop", "web"));
    publish(fx, probeRewriteOff("api-a", "billing", "api"));
    publish(fx, peerAuthentication("shop", "STRICT"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(mw0006(Finding.State.OPEN)).containsExactly("shop/web"));

    // PERMISSIVE in the namespace resolves it.
    publish(fx, peerAuthentication("shop", "PERMISSIVE"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(mw0006(Finding.State.OPEN)).isEmpty();
              assertThat(mw0006(Finding.State.RESOLVED)).containsExactly("shop/web");
            });

    // Mesh-wide STRICT in the root namespace applies to billing, which has no policy of its own,
    // and not to shop, whose own PERMISSIVE wins.
    publish(fx, peerAuthentication("istio-system", "STRICT"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(mw0006(Finding.State.OPEN)).containsExactly("billing/api"));
    assertThat(mw0006(Finding.State.RESOLVED)).containsExactly("shop/web");
  }

  private static ObjectFacts probeRewriteOff(String name, String namespace, String deployment) {
    return pod(name)
        .in(namespace)
        .ofDeployment(deployment, "7d4b9c")
        .annotation(REWRITE_OFF, "false")
        .appProbe(HTTP_8080)
        .withSidecar("1-24")
        .build();
  }

  /** {@code namespace/name} of the workloads with an MW0006 finding in {@code state}. */
  private Set<String> mw0006(Finding.State state) {
    return topic.poll().latest(state).stream()
        .filter(f -> f.code().equals("MW0006"))
        .map(f -> f.subject().namespace() + "/" + f.subject().name())
        .collect(Collectors.toSet());
  }

  private KafkaProducer<String, ObjectFacts> producer() {
    Map<String, Object> props = new HashMap<>(KAFKA.producerProps());
    props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, NamespacePartitioner.class.getName());
    return new KafkaProducer<>(props, new StringSerializer(), WireSerde.facts().serializer());
  }

  private void publish(StreamFixture fx, ObjectFacts fact) {
    String topicName =
        fact.kind().topic() == FactKind.Topic.OBJECTS
            ? fx.names.objects(fx.cluster)
            : fx.names.mesh(fx.cluster);
    try {
      producer.send(new ProducerRecord<>(topicName, fact.key(), fact)).get();
    } catch (Exception e) {
      throw new IllegalStateException("could not publish " + fact.key(), e);
    }
  }
}
