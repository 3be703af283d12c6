package io.meshwarden.reconciler.stream;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.RemediationRequest;
import io.meshwarden.common.protocol.WireCodec;
import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.core.fixtures.Fixtures;
import io.meshwarden.core.lifecycle.LifecycleSettings;
import io.meshwarden.core.lifecycle.Tracked;
import io.meshwarden.core.rules.RuleEngine;
import io.meshwarden.reconciler.ReconcilerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The reconciler topology in a {@link TopologyTestDriver} with a manual clock that moves together
 * with the driver's wall clock. Short debounce and tick; the hold is the test's choice.
 */
final class StreamHarness implements AutoCloseable {

  static final String APP = "mw-reconciler-test";
  static final TopicNames NAMES = TopicNames.defaults();
  static final Duration TICK = Duration.ofMillis(100);

  final ManualClock clock = new ManualClock(Fixtures.NOW);
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final List<TestRecord<String, byte[]>> meshDeadLetters = new ArrayList<>();
  final TopologyTestDriver driver;
  final TestInputTopic<String, byte[]> objects;
  final TestInputTopic<String, byte[]> mesh;
  final TestOutputTopic<String, byte[]> findings;
  final TestOutputTopic<String, byte[]> requests;
  final TestOutputTopic<String, byte[]> deadLetters;
  final TestOutputTopic<String, byte[]> digests;
  final TestInputTopic<String, byte[]> digestsIn;

  StreamHarness(LifecycleSettings lifecycle) {
    this(lifecycle, 0);
  }

  /** A harness whose cluster task waits for the markers of {@code objectPartitions} shards. */
  StreamHarness(LifecycleSettings lifecycle, int objectPartitions) {
    StreamSettings settings =
        new StreamSettings(Fixtures.CLUSTER, NAMES, lifecycle, TICK, TICK, Duration.ofHours(1));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // Its own state directory, so two harnesses can be open at once.
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
    driver =
        new TopologyTestDriver(
            ReconcilerTopology.build(
                settings,
                RuleEngine.standard(),
                clock,
                new ReconcilerMetrics(registry),
                (k, v, h) -> meshDeadLetters.add(new TestRecord<>(k, v, h, 0L)),
                objectPartitions),
            props,
            Fixtures.NOW);
    objects =
        driver.createInputTopic(
            NAMES.objects(Fixtures.CLUSTER), new StringSerializer(), new ByteArraySerializer());
    mesh =
        driver.createInputTopic(
            NAMES.mesh(Fixtures.CLUSTER), new StringSerializer(), new ByteArraySerializer());
    findings =
        driver.createOutputTopic(
            NAMES.findings(), new StringDeserializer(), new ByteArrayDeserializer());
    requests =
        driver.createOutputTopic(
            NAMES.remediationRequests(Fixtures.CLUSTER),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    deadLetters =
        driver.createOutputTopic(
            NAMES.deadLetter(), new StringDeserializer(), new ByteArrayDeserializer());
    digests =
        driver.createOutputTopic(
            NAMES.digests(Fixtures.CLUSTER), new StringDeserializer(), new ByteArrayDeserializer());
    digestsIn =
        driver.createInputTopic(
            NAMES.digests(Fixtures.CLUSTER), new StringSerializer(), new ByteArraySerializer());
  }

  StreamHarness() {
    this(new LifecycleSettings(Duration.ofSeconds(30), java.util.Map.of(), Duration.ofMinutes(5)));
  }

  private static java.nio.file.Path stateDir() {
    try {
      return java.nio.file.Files.createTempDirectory("mw-harness");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Publishes facts the way the watcher does: each to its kind's topic, keyed by its key. */
  StreamHarness put(ObjectFacts... facts) {
    for (ObjectFacts f : facts) {
      topicOf(f).pipeInput(f.key(), WireCodec.encode(f), clock.instant());
    }
    return this;
  }

  StreamHarness delete(ObjectFacts f) {
    topicOf(f).pipeInput(f.key(), null, clock.instant());
    return this;
  }

  private TestInputTopic<String, byte[]> topicOf(ObjectFacts f) {
    return f.kind().topic() == FactKind.Topic.MESH ? mesh : objects;
  }

  /** Moves the clock and the driver's wall clock, firing due ticks. */
  StreamHarness advance(Duration d) {
    clock.advance(d);
    driver.advanceWallClockTime(d);
    return this;
  }

  /** Moves time in tick-sized steps, as a running instance would see it. */
  StreamHarness run(Duration d) {
    for (Duration left = d; !left.isNegative() && !left.isZero(); left = left.minus(TICK)) {
      advance(TICK);
    }
    return this;
  }

  /** A finding record read back: key, value (null for a tombstone) and headers. */
  record Event(String key, Finding finding, Headers headers) {
    String type() {
      var h = headers.lastHeader("ce_type");
      return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  List<Event> drainFindings() {
    List<Event> out = new ArrayList<>();
    for (TestRecord<String, byte[]> r : findings.readRecordsToList()) {
      out.add(new Event(r.key(), WireSerde.findings().deserialize("", r.value()), r.headers()));
    }
    return out;
  }

  List<RemediationRequest> drainRequests() {
    return requests.readValuesToList().stream()
        .map(v -> WireSerde.remediationRequests().deserialize("", v))
        .toList();
  }

  /** The changelog of the open-set store, as a restoring task would replay it. */
  List<TestRecord<String, Tracked>> findingsChangelog() {
    return driver
        .createOutputTopic(
            APP + "-" + StoreNames.FINDINGS + "-changelog",
            new StringDeserializer(),
            new TrackedSerde())
        .readRecordsToList();
  }

  List<TestRecord<String, ObjectFacts>> factsChangelog() {
    return driver
        .createOutputTopic(
            APP + "-" + StoreNames.FACTS + "-changelog",
            new StringDeserializer(),
            WireSerde.facts())
        .readRecordsToList();
  }

  double meter(String name, String tag, String value) {
    var search = registry.find(name);
    if (tag != null) {
      search = search.tag(tag, value);
    }
    return search.meters().stream()
        .flatMap(m -> java.util.stream.StreamSupport.stream(m.measure().spliterator(), false))
        .mapToDouble(io.micrometer.core.instrument.Measurement::getValue)
        .sum();
  }

  @Override
  public void close() {
    driver.close();
  }
}
