package io.meshwarden.watcher.election;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.meshwarden.common.logging.LogContext;
import io.meshwarden.watcher.WatcherMetrics;
import io.meshwarden.watcher.publish.Publisher;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election for one cluster's watchers with a {@code coordination.k8s.io/v1} Lease. The Lease
 * decides who should publish; Kafka's transactional fencing makes sure nobody else can. When the
 * term is fenced or fails, this replica gives up leadership and rejoins as a candidate after a
 * pause.
 */
public final class Leadership implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

  /**
   * Election settings; Kubernetes' own components use 15 s, 10 s and 2 s.
   *
   * @param namespace where the Lease lives (the watcher's namespace)
   * @param leaseName the Lease's name, one per cluster
   * @param identity this replica (its pod name)
   */
  public record Settings(
      String namespace,
      String leaseName,
      String identity,
      Duration leaseDuration,
      Duration renewDeadline,
      Duration retryPeriod) {}

  private final KubernetesClient client;
  private final String cluster;
  private final Settings settings;
  private final Publisher publisher;
  private final WatcherMetrics metrics;
  private final AtomicReference<CompletableFuture<?>> election = new AtomicReference<>();
  private final AtomicReference<String> leader = new AtomicReference<>();
  private final ScheduledExecutorService rejoin;
  private volatile boolean closed;

  public Leadership(
      KubernetesClient client,
      String cluster,
      Settings settings,
      Publisher publisher,
      WatcherMetrics metrics) {
    this.client = client;
    this.cluster = cluster;
    this.settings = settings;
    this.rejoin =
        Executors.newSingleThreadScheduledExecutor(
            LogContext.threadsWith(
                LogContext.CLUSTER,
                cluster,
                r -> {
                  Thread t = new Thread(r, "watcher-election");
                  t.setDaemon(true);
                  return t;
                }));
    this.publisher = publisher;
    this.metrics = metrics;
  }

  /** Joins the election. */
  public void start() {
    var config =
        new LeaderElectionConfigBuilder()
            .withName(settings.leaseName())
            .withLock(
                new LeaseLock(settings.namespace(), settings.leaseName(), settings.identity()))
            .withLeaseDuration(settings.leaseDuration())
            .withRenewDeadline(settings.renewDeadline())
            .withRetryPeriod(settings.retryPeriod())
            .withReleaseOnCancel(true)
            .withLeaderCallbacks(
                new LeaderCallbacks(
                    () -> inContext(this::startedLeading),
                    () -> inContext(this::stoppedLeading),
                    identity -> inContext(() -> newLeader(identity))))
            .build();
    election.set(client.leaderElector().withConfig(config).build().start());
  }

  /** Who leads, as last observed (null before anyone does). */
  public String leader() {
    return leader.get();
  }

  /** Whether this replica leads. */
  public boolean leading() {
    return settings.identity().equals(leader.get());
  }

  /** The elector calls back on its own threads, which do not carry the cluster. */
  private void inContext(Runnable callback) {
    try (LogContext.Scope s = LogContext.scope().put(LogContext.CLUSTER, cluster)) {
      callback.run();
    }
  }

  private void startedLeading() {
    LOG.info("{} leads the watchers", settings.identity());
    metrics.leading(true);
    publisher.startTerm(this::giveUp);
  }

  private void stoppedLeading() {
    LOG.info("{} stopped leading", settings.identity());
    publisher.stopTerm();
    metrics.leading(false);
  }

  private void newLeader(String identity) {
    leader.set(identity);
    LOG.info("Watcher leader is now {}", identity);
  }

  /** Steps down (the term was fenced or failed) and rejoins after one retry period. */
  private void giveUp() {
    rejoin.execute(
        () -> {
          CompletableFuture<?> current = election.getAndSet(null);
          if (current != null) {
            current.cancel(true);
          }
          leader.compareAndSet(settings.identity(), null);
          if (!closed) {
            rejoin.schedule(this::start, settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
          }
        });
  }

  /** Leaves the election, releasing the Lease so another replica takes over at once. */
  @Override
  public void close() {
    closed = true;
    rejoin.shutdownNow();
    CompletableFuture<?> current = election.getAndSet(null);
    if (current != null) {
      current.cancel(true);
    }
    publisher.stopTerm();
    metrics.leading(false);
  }
}
