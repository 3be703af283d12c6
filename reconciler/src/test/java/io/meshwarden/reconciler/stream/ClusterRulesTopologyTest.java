package io.meshwarden.reconciler.stream;

import static io.meshwarden.core.fixtures.Fixtures.meta;
import static io.meshwarden.core.fixtures.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.NamespaceDigest;
import io.meshwarden.common.protocol.PodFacts;
import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.WireCodec;
import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.core.fixtures.Fixtures;
import io.meshwarden.core.lifecycle.FindingLifecycle;
import io.meshwarden.core.lifecycle.LifecycleSettings;
import io.meshwarden.core.lifecycle.RemediationPolicy;
import io.meshwarden.core.rules.RuleEngine;
import io.meshwarden.reconciler.ReconcilerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster rules in the stream: shards publish namespace digests, the task of partition 0 judges the
 * cluster over them. A DestinationRule in {@code front} whose subset selects no pod of the Service
 * in {@code back} opens MW0130, and labelling a pod in {@code back} resolves it.
 */
class ClusterRulesTopologyTest {

  private static final String SUBSET_NO_PODS = "MW0130";

  private final StreamHarness h =
      new StreamHarness(new LifecycleSettings(Duration.ZERO, Map.of(), Duration.ofMinutes(5)));

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aSubsetThatSelectsNoPodInAnotherNamespaceOpensAndResolvesWhenAPodCarriesItsLabels() {
    h.put(service("back", "reviews", "app", "reviews"), reviewsPod("reviews-abc-1", "v1"));
    h.put(destinationRule("front", "reviews", "reviews.back.svc.cluster.local"));
    h.put(virtualService("front", "reviews", "reviews.back.svc.cluster.local", "v2"));
    h.run(Duration.ofSeconds(3));

    List<StreamHarness.Event> opened = events(SUBSET_NO_PODS);
    assertThat(opened).hasSize(1);
    Finding f = opened.get(0).finding();
    assertThat(f.state()).isEqualTo(Finding.State.OPEN);
    assertThat(f.subject().kind()).isEqualTo("DestinationRule");
    assertThat(f.subject().namespace()).isEqualTo("front");
    assertThat(f.details()).containsEntry("subset", "v2");

    h.put(reviewsPod("reviews-abc-2", "v2"));
    h.run(Duration.ofSeconds(3));

    List<StreamHarness.Event> resolved = events(SUBSET_NO_PODS);
    assertThat(resolved).hasSize(1);
    assertThat(resolved.get(0).finding().state()).isEqualTo(Finding.State.RESOLVED);
    assertThat(resolved.get(0).key()).isEqualTo(opened.get(0).key());
  }

  @Test
  void publishesADigestOnlyWhenTheNamespaceChangedAndATombstoneWhenItEmpties() {
    PodFacts v1 = reviewsPod("reviews-abc-1", "v1");
    h.put(v1);
    h.run(Duration.ofSeconds(2));
    List<TestRecord<String, byte[]>> first = digestRecords(h);
    assertThat(first).hasSize(1);
    NamespaceDigest digest = WireSerde.digests().deserialize("", first.get(0).value());
    assertThat(digest.namespace()).isEqualTo("back");
    assertThat(digest.pods()).singleElement().satisfies(p -> assertThat(p.count()).isEqualTo(1));

    // The same fact again, and a pod status change the rules do not read: nothing new.
    h.put(
        v1,
        pod("reviews-abc-1")
            .in("back")
            .ofDeployment("reviews", "abc")
            .label("app", "reviews")
            .label("version", "v1")
            .phase("Running")
            .build());
    h.run(Duration.ofSeconds(2));
    assertThat(digestRecords(h)).isEmpty();

    h.delete(v1);
    h.run(Duration.ofSeconds(2));
    assertThat(digestRecords(h)).singleElement().satisfies(r -> assertThat(r.value()).isNull());
  }

  @Test
  void aPoisonDigestGoesToTheDeadLetterSinkAndIsNotStored() {
    h.digestsIn.pipeInput("back", "{\"schema\":\"meshwarden.io/namespace-digest/v9\"}".getBytes());
    h.digestsIn.pipeInput("back", "not json".getBytes());

    assertThat(h.meshDeadLetters).hasSize(2);
    assertThat(h.meter("meshwarden.reconciler.dead.letters", "topic", "digests")).isEqualTo(2.0);
    assertThat(h.driver.getKeyValueStore(StoreNames.DIGESTS).get("back")).isNull();
  }

  @Test
  void clusterFindingsWaitUntilEveryPartitionHasMarkedItsDigestsPublished() {
    try (StreamHarness two =
        new StreamHarness(
            new LifecycleSettings(Duration.ZERO, Map.of(), Duration.ofMinutes(5)), 2)) {
      two.put(service("back", "reviews", "app", "reviews"), reviewsPod("reviews-abc-1", "v1"));
      two.put(destinationRule("front", "reviews", "reviews.back.svc.cluster.local"));
      two.put(virtualService("front", "reviews", "reviews.back.svc.cluster.local", "v2"));
      two.run(Duration.ofSeconds(3));

      // Shard 0 has marked its digests published; partition 1 has not: no verdict yet.
      assertThat(digestsStore(two).get("#synced/0")).isNotNull();
      assertThat(events(two, SUBSET_NO_PODS)).isEmpty();
      assertThat(two.meter("meshwarden.reconciler.cluster.rules.waiting", null, null))
          .isEqualTo(1.0);
      assertThat(two.meter("meshwarden.reconciler.evaluations", "scope", "cluster")).isZero();

      two.digestsIn.pipeInput("#synced/1", "2026-01-01T00:00:00Z".getBytes());
      two.run(Duration.ofSeconds(3));

      assertThat(events(two, SUBSET_NO_PODS))
          .singleElement()
          .satisfies(e -> assertThat(e.finding().state()).isEqualTo(Finding.State.OPEN));
      assertThat(two.meter("meshwarden.reconciler.cluster.rules.waiting", null, null)).isZero();
      assertThat(two.meshDeadLetters).isEmpty();
    }
  }

  @Test
  void anOversizedDigestIsNotPublishedAndCountedAndTheShardKeepsRunning() {
    h.put(virtualService("big", "vs", "reviews.back.svc.cluster.local", "v1"));
    h.run(Duration.ofSeconds(2));
    byte[] small = digestsStore(h).get("big");
    assertThat(small).isNotNull();
    digestRecords(h);

    h.put(bigVirtualService("big", "vs", DigestPublisher.MAX_BYTES));
    h.run(Duration.ofSeconds(2));

    assertThat(digestRecords(h)).isEmpty();
    assertThat(h.meter("meshwarden.reconciler.digests.oversized", null, null)).isPositive();
    // Cluster rules keep the namespace's previous digest.
    assertThat(digestsStore(h).get("big")).isEqualTo(small);

    h.put(reviewsPod("reviews-abc-1", "v1"));
    h.run(Duration.ofSeconds(2));
    assertThat(digestRecords(h)).extracting(TestRecord::key).containsExactly("back");
  }

  /**
   * Streams calls {@code init} again on the same processor when it revives a task closed dirty: the
   * task resyncs and publishes its digests again, although the global store already holds identical
   * bytes (it may lag behind what another instance wrote), and marks itself synced.
   */
  @Test
  void aReinitialisedShardResyncsAndPublishesItsDigestsAgain() {
    ManualClock clock = new ManualClock(Fixtures.NOW);
    MockProcessorContext<String, byte[]> context =
        new MockProcessorContext<>(mockProps(), new TaskId(0, 0), null);
    KeyValueStore<String, byte[]> digestStore =
        store(context, StoreNames.DIGESTS, Serdes.String(), Serdes.ByteArray());
    store(context, StoreNames.FACTS, Serdes.String(), WireSerde.facts());
    store(context, StoreNames.FINDINGS, Serdes.String(), new TrackedSerde());
    store(context, StoreNames.MESH, Serdes.String(), WireSerde.facts());
    LifecycleSettings lifecycle = new LifecycleSettings(Duration.ZERO, Map.of(), Duration.ZERO);
    ReconcilerMetrics metrics = new ReconcilerMetrics(new SimpleMeterRegistry());
    ShardProcessor shard =
        new ShardProcessor(
            new StreamSettings(
                Fixtures.CLUSTER,
                StreamHarness.NAMES,
                lifecycle,
                Duration.ZERO,
                StreamHarness.TICK,
                Duration.ofHours(1)),
            clock,
            new MeshCache(new MeshChanges()),
            new DigestCache(new MeshChanges()),
            new ScopeEvaluator(RuleEngine.standard(), metrics),
            new FindingLifecycle(
                Fixtures.CLUSTER, lifecycle, new RemediationPolicy("reconciler/test")),
            metrics,
            1);
    PodFacts pod = reviewsPod("reviews-abc-1", "v1");

    shard.init(context);
    shard.process(new Record<>(pod.key(), WireCodec.encode(pod), 0L));
    tick(context, clock);
    Map<String, byte[]> first = digestForwards(context);
    assertThat(first).containsOnlyKeys("back", "#synced/0");
    digestStore.put("back", first.get("back"));
    digestStore.put("#synced/0", first.get("#synced/0"));

    context.resetForwards();
    tick(context, clock);
    assertThat(digestForwards(context)).isEmpty();

    shard.init(context);
    tick(context, clock);
    Map<String, byte[]> again = digestForwards(context);
    assertThat(again).containsOnlyKeys("back", "#synced/0");
    assertThat(again.get("back")).isEqualTo(first.get("back"));
    shard.close();
  }

  private static Properties mockProps() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, StreamHarness.APP);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return props;
  }

  private static <V> KeyValueStore<String, V> store(
      MockProcessorContext<String, byte[]> context,
      String name,
      Serde<String> keys,
      Serde<V> values) {
    KeyValueStore<String, V> store =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }

  /** Fires the punctuator the latest {@code init} scheduled, one tick later. */
  private static void tick(MockProcessorContext<String, byte[]> context, ManualClock clock) {
    clock.advance(StreamHarness.TICK);
    List<MockProcessorContext.CapturedPunctuator> scheduled = context.scheduledPunctuators();
    scheduled.get(scheduled.size() - 1).getPunctuator().punctuate(clock.millis());
  }

  private static Map<String, byte[]> digestForwards(MockProcessorContext<String, byte[]> context) {
    Map<String, byte[]> out = new TreeMap<>();
    context.forwarded().stream()
        .filter(f -> StoreNames.DIGEST_SINK.equals(f.childName().orElse(null)))
        .forEach(f -> out.put(f.record().key(), f.record().value()));
    return out;
  }

  /** The digest records published since the last read, readiness markers left out. */
  private static List<TestRecord<String, byte[]>> digestRecords(StreamHarness harness) {
    return harness.digests.readRecordsToList().stream()
        .filter(r -> !r.key().startsWith(SyncMarkers.PREFIX))
        .toList();
  }

  private static KeyValueStore<String, byte[]> digestsStore(StreamHarness harness) {
    return harness.driver.getKeyValueStore(StoreNames.DIGESTS);
  }

  private List<StreamHarness.Event> events(String code) {
    return events(h, code);
  }

  private static List<StreamHarness.Event> events(StreamHarness harness, String code) {
    return harness.drainFindings().stream()
        .filter(e -> e.finding() != null && code.equals(e.finding().code()))
        .toList();
  }

  private static PodFacts reviewsPod(String name, String version) {
    return pod(name)
        .in("back")
        .ofDeployment("reviews", "abc")
        .label("app", "reviews")
        .label("version", version)
        .build();
  }

  private static ServiceFacts service(String ns, String name, String... selector) {
    return new ServiceFacts(
        null,
        FactKind.Service,
        meta(ns, name, Map.of(), Map.of()),
        "ClusterIP",
        Map.of(selector[0], selector[1]),
        List.of(new ServiceFacts.ServicePort("http", 9080, "9080", "TCP", null)),
        null,
        "10.0.0.10");
  }

  private static IstioConfigFacts destinationRule(String ns, String name, String host) {
    return istio(
        FactKind.DestinationRule,
        ns,
        name,
        "{\"host\":\""
            + host
            + "\",\"subsets\":[{\"name\":\"v1\",\"labels\":{\"version\":\"v1\"}},"
            + "{\"name\":\"v2\",\"labels\":{\"version\":\"v2\"}}]}");
  }

  private static IstioConfigFacts virtualService(
      String ns, String name, String host, String subset) {
    return istio(
        FactKind.VirtualService,
        ns,
        name,
        "{\"hosts\":[\""
            + host
            + "\"],\"http\":[{\"route\":[{\"destination\":{\"host\":\""
            + host
            + "\",\"subset\":\""
            + subset
            + "\"}}]}]}");
  }

  /** A VirtualService whose spec alone encodes to more than {@code bytes}. */
  private static IstioConfigFacts bigVirtualService(String ns, String name, int bytes) {
    return istio(
        FactKind.VirtualService,
        ns,
        name,
        "{\"hosts\":[\"reviews\"],\"description\":\"" + "x".repeat(bytes) + "\"}");
  }

  private static IstioConfigFacts istio(FactKind kind, String ns, String name, String spec) {
    try {
      return new IstioConfigFacts(
          null,
          kind,
          meta(ns, name, Map.of(), Map.of()),
          "networking.istio.io/v1",
          WireCodec.mapper().readTree(spec));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
