package io.meshwarden.watcher;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwarden.common.http.HealthCheck;
import io.meshwarden.common.http.HealthChecks;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.watcher.election.Leadership;
import io.meshwarden.watcher.index.FactIndex;
import io.meshwarden.watcher.informers.InformerSet;
import io.meshwarden.watcher.informers.ObjectProjector;
import io.meshwarden.watcher.publish.Publisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watcher replica, wired by hand: informers feed the fact index; the election decides when this
 * replica's publisher runs. {@link #close()} stops the parts in reverse order.
 */
public final class Watcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);

  private final WatcherConfig config;
  private final KubernetesClient client;
  private final FactIndex index = new FactIndex();
  private final WatcherMetrics metrics;
  private final InformerSet informers;
  private final Publisher publisher;
  private final Leadership leadership;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  public Watcher(
      WatcherConfig config, KubernetesClient client, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.client = client;
    this.metrics = new WatcherMetrics(registry, clock);
    metrics.dirtyKeys(() -> index.dirty().size());
    FactProjector projector =
        new FactProjector(config.cluster(), new MeshKeys(config.annotationAllowList()), clock)
            .withInterner(String::intern);
    this.informers =
        new InformerSet(
            client,
            new ObjectProjector(client.getKubernetesSerialization(), projector),
            index,
            metrics,
            new InformerSet.Settings(
                config.cluster(),
                config.controlPlaneNamespaces(),
                config.namespaceFilter(),
                config.pageSize(),
                config.resync(),
                Duration.ofSeconds(30)));
    String clientId = "meshwarden-watcher-" + config.cluster();
    Properties producer = config.kafka().producerProps(clientId, null);
    Properties consumer = config.kafka().consumerProps(clientId + "-reader", clientId);
    this.publisher =
        new Publisher(
            new Publisher.KafkaClients(producer, consumer),
            index,
            new TopicNames(config.topicPrefix()),
            config.cluster(),
            config.election().identity(),
            config.batching(),
            Duration.ofMinutes(5),
            metrics);
    this.leadership =
        new Leadership(client, config.cluster(), config.election(), publisher, metrics);
  }

  /** Starts the informers (every replica) and joins the election. */
  public Watcher start() {
    informers.start();
    started.push(informers);
    leadership.start();
    started.push(leadership);
    LOG.info("Watcher {} for cluster {} started", config.election().identity(), config.cluster());
    return this;
  }

  /** Adds this watcher's readiness (informers synced) and liveness checks. */
  public void registerChecks(HealthChecks checks) {
    checks.addReadiness(
        HealthCheck.of(
            "informers-synced",
            () ->
                informers.synced()
                    ? HealthCheck.Result.up()
                    : HealthCheck.Result.down("informers have not finished their first list")));
  }

  public boolean leading() {
    return leadership.leading();
  }

  /** Whether this replica leads and has finished recovery. */
  public boolean publishing() {
    return publisher.publishing();
  }

  public boolean synced() {
    return informers.synced();
  }

  public FactIndex index() {
    return index;
  }

  public String identity() {
    return config.election().identity();
  }

  /**
   * Simulates the process dying: the API client goes away first so the Lease is neither renewed nor
   * released, then everything else stops. For failover tests.
   */
  public void crash() {
    client.close();
    close();
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable c = started.pop();
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("Could not stop {} cleanly: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
