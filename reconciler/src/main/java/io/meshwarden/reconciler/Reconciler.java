package io.meshwarden.reconciler;

import io.meshwarden.common.http.HealthCheck;
import io.meshwarden.common.http.HealthChecks;
import io.meshwarden.common.logging.LogContext;
import io.meshwarden.common.topics.TopicAdmin;
import io.meshwarden.core.rules.RuleEngine;
import io.meshwarden.reconciler.stream.DeadLetterProducer;
import io.meshwarden.reconciler.stream.ReconcilerTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciler instance: the Kafka Streams application over its cluster's topics, its metrics and
 * health. Ready while Streams is RUNNING; live unless Streams has failed (Kubernetes then restarts
 * the pod, and the shards' stores come back from their changelogs).
 */
public final class Reconciler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final ReconcilerConfig config;
  private final DeadLetterProducer deadLetters;
  private final KafkaStreams streams;
  private final KafkaStreamsMetrics streamsMetrics;

  /** An instance that asks Kafka for the objects topic's partition count (see below). */
  public Reconciler(
      ReconcilerConfig config,
      RuleEngine engine,
      MeterRegistry registry,
      Clock clock,
      String instanceId) {
    this(config, engine, registry, clock, instanceId, objectPartitions(config, instanceId));
  }

  /**
   * An instance whose cluster task waits for the readiness markers of {@code objectPartitions}
   * shards before it evaluates cluster rules (0: unknown, the highest partition seen).
   */
  public Reconciler(
      ReconcilerConfig config,
      RuleEngine engine,
      MeterRegistry registry,
      Clock clock,
      String instanceId,
      int objectPartitions) {
    this.config = config;
    ReconcilerMetrics metrics = new ReconcilerMetrics(registry);
    this.deadLetters =
        new DeadLetterProducer(
            config.kafka().producerProps(config.applicationId() + "-dlq-" + instanceId, null),
            config.streams().names().deadLetter());
    Topology topology =
        ReconcilerTopology.build(
            config.streams(), engine, clock, metrics, deadLetters, objectPartitions);
    this.streams = new KafkaStreams(topology, streamsProps(config, instanceId));
    metrics.streamsState(Arrays.stream(KafkaStreams.State.values()).map(Enum::name).toList());
    // Both callbacks run on Streams' threads, which carry no log context of their own.
    String cluster = config.streams().cluster();
    streams.setStateListener(
        (next, old) -> {
          try (LogContext.Scope s = LogContext.scope().put(LogContext.CLUSTER, cluster)) {
            LOG.info("Kafka Streams {} -> {}", old, next);
          }
          metrics.streamsStateIs(next.name());
        });
    streams.setUncaughtExceptionHandler(
        e -> {
          try (LogContext.Scope s = LogContext.scope().put(LogContext.CLUSTER, cluster)) {
            LOG.error("Stream thread failed; shutting this instance down", e);
          }
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
  }

  /**
   * The objects topic's partition count, or 0 when the topic does not exist yet or Kafka does not
   * answer: the cluster task then waits for the markers of the partitions it has seen.
   */
  static int objectPartitions(ReconcilerConfig config, String instanceId) {
    String topic = config.streams().names().objects(config.streams().cluster());
    Admin admin =
        Admin.create(config.kafka().adminProps(config.applicationId() + "-admin-" + instanceId));
    try {
      int n = new TopicAdmin(admin, Duration.ofSeconds(10)).partitions(topic).orElse(0);
      LOG.info("Objects topic {} has {} partitions (0: unknown)", topic, n);
      return n;
    } finally {
      // Bounded: an unreachable Kafka must not hold the start for the admin's default timeout.
      admin.close(Duration.ofSeconds(5));
    }
  }

  /** The Streams properties; every non-default one says why. */
  static Properties streamsProps(ReconcilerConfig config, String instanceId) {
    Properties p = config.kafka().toProperties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.CLIENT_ID_CONFIG, config.applicationId() + "-" + instanceId);
    // Facts in, findings and store changes out, offsets committed: all in one transaction, so a
    // crash neither loses nor duplicates a finding event.
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
    // A warm copy of each shard elsewhere makes failover a switch, not a changelog replay.
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbys());
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
    return p;
  }

  /** Starts processing (returns at once). */
  public Reconciler start() {
    streams.start();
    return this;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** True while Streams is RUNNING. */
  public boolean running() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  /** Readiness while RUNNING; liveness unless failed. */
  public void registerChecks(HealthChecks checks) {
    checks.addReadiness(
        HealthCheck.of("kafka-streams", this::running, "Kafka Streams is " + "not RUNNING"));
    checks.addLiveness(
        HealthCheck.of(
            "kafka-streams",
            () -> streams.state() != KafkaStreams.State.ERROR,
            "Kafka Streams failed"));
  }

  /** Stops, leaving the group so the shards move to other instances at once. */
  @Override
  public void close() {
    streamsMetrics.close();
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
    deadLetters.close();
    LOG.info("Reconciler for {} stopped", config.streams().cluster());
  }
}
