package io.meshwarden.watcher.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.common.kafka.KafkaSettings;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.common.topics.TopicAdmin;
import io.meshwarden.common.topics.TopicLayout;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kafka.WithKafka;
import io.meshwarden.watcher.WatcherMetrics;
import io.meshwarden.watcher.index.FactIndex;
import io.meshwarden.watcher.verify.TopicTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** A deposed leader that still runs cannot write once a new leader has initialised its producer. */
@WithKafka
class FencingIT {

  private static final String CLUSTER = "zombie";
  private static final TopicNames NAMES = new TopicNames("fencing");

  @Test
  void nothingADeposedLeaderSendsAfterTheNewLeaderStartsIsVisible(KafkaCluster kafka) {
    try (Admin admin = kafka.admin()) {
      new TopicAdmin(admin, Duration.ofSeconds(30))
          .ensure(new TopicLayout(NAMES, (short) 1, 2, 2).forCluster(CLUSTER), true);
    }
    KafkaSettings settings = KafkaSettings.plaintext(List.of(kafka.bootstrapServers().split(",")));
    FactIndex oldIndex = new FactIndex();
    FactIndex newIndex = new FactIndex();
    oldIndex.put(namespace("v1"));
    AtomicBoolean oldGaveUp = new AtomicBoolean();
    SimpleMeterRegistry oldMeters = new SimpleMeterRegistry();
    Publisher old = publisher(settings, oldIndex, "old", oldMeters);
    old.startTerm(() -> oldGaveUp.set(true));
    await().atMost(Duration.ofSeconds(30)).until(() -> versionIn(settings).equals("v1"));

    newIndex.put(namespace("v2"));
    Publisher current = publisher(settings, newIndex, "new", new SimpleMeterRegistry());
    current.startTerm(() -> {});
    await().atMost(Duration.ofSeconds(30)).until(() -> versionIn(settings).equals("v2"));

    oldIndex.put(namespace("v3-from-the-zombie"));
    await().atMost(Duration.ofSeconds(30)).untilTrue(oldGaveUp);

    assertThat(versionIn(settings)).isEqualTo("v2");
    assertThat(everyCommittedVersion(settings)).containsExactly("v1", "v2");
    assertThat(oldMeters.find("meshwarden.watcher.fenced").counter().count()).isEqualTo(1.0);
    old.stopTerm();
    current.stopTerm();
  }

  private static Publisher publisher(
      KafkaSettings settings, FactIndex index, String identity, SimpleMeterRegistry registry) {
    return new Publisher(
        new Publisher.KafkaClients(
            settings.producerProps(identity, null), settings.consumerProps(identity, identity)),
        index,
        NAMES,
        CLUSTER,
        identity,
        new LeaderTerm.Batching(100, Duration.ofMillis(10), Duration.ofMillis(100)),
        Duration.ofSeconds(30),
        new WatcherMetrics(registry, Clock.systemUTC()));
  }

  private static NamespaceFacts namespace(String version) {
    return NamespaceFacts.of(
        new FactMeta(
            CLUSTER,
            null,
            "shop",
            "uid",
            "1",
            Instant.now(),
            null,
            Map.of("version", version),
            null),
        "Active");
  }

  private static String versionIn(KafkaSettings settings) {
    ObjectFacts facts =
        TopicTable.read(settings.consumerProps("check", "check"), List.of(NAMES.mesh(CLUSTER)))
            .get("Namespace//shop");
    return facts == null ? "" : facts.meta().labels().get("version");
  }

  private static List<String> everyCommittedVersion(KafkaSettings settings) {
    var props = settings.consumerProps("all", "all");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    List<String> versions = new ArrayList<>();
    try (KafkaConsumer<String, ObjectFacts> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), WireSerde.facts())) {
      TopicPartition tp = new TopicPartition(NAMES.mesh(CLUSTER), 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      while (consumer.position(tp) < end) {
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(r -> versions.add(r.value().meta().labels().get("version")));
      }
    }
    return versions;
  }
}
