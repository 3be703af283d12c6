package io.meshwarden.executor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwarden.common.http.HealthCheck;
import io.meshwarden.common.http.HealthChecks;
import io.meshwarden.common.kafka.DeadLetters;
import io.meshwarden.common.kafka.KafkaErrors;
import io.meshwarden.common.logging.LogContext;
import io.meshwarden.common.retry.ExponentialBackoff;
import io.meshwarden.common.retry.ItemExponentialRateLimiter;
import io.meshwarden.common.retry.RateLimiter;
import io.meshwarden.core.policy.ParsedPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The remediation executor of one cluster, ready for the reconciler role's {@code Main} to wire:
 * {@link #create} it, {@link #start()} it, {@link #close()} it on shutdown.
 *
 * <p><b>One active executor per cluster</b> comes from the request topic: it has one partition and
 * every replica joins one consumer group, so exactly one replica owns the partition and acts; the
 * others wait as standbys. When the owner dies or leaves, the group hands the partition to another
 * replica, which resumes from the last committed offset. Offsets are committed only up to the
 * oldest request not yet finished, so a request whose rollout was in progress is delivered again;
 * the new owner finds its {@code meshwarden.io/remediation-id} on the pod template and follows the
 * rollout instead of restarting again. A Lease would add a second election beside the one Kafka
 * already runs for the partition. See docs/remediation.md.
 *
 * <p>Each {@link #step()} polls new requests, makes one {@link Remediator#pass() pass}, flushes the
 * records, commits what is finished and writes the policies' status. {@link #start()} runs steps on
 * one thread; tests call {@link #step()} themselves between simulator ticks.
 */
public final class RemediationExecutor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RemediationExecutor.class);

  private final RemediationConfig config;
  private final RequestSource source;
  private final RecordSink sink;
  private final Remediator remediator;
  private final PolicyStore policies;
  private final Recorder recorder;
  private final AtomicBoolean running = new AtomicBoolean();
  private final java.util.concurrent.CountDownLatch stopping =
      new java.util.concurrent.CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean failed;

  /** While nothing is held, a pass (breaker resume, policy status) runs at most this often. */
  private static final Duration IDLE_PASS = Duration.ofSeconds(30);

  private final Clock clock;
  private final MeterRegistry meters;

  /** {@code mw.source.role} of the executor's dead letters. */
  static final String ROLE = "remediation";

  private long nextOffset = -1;
  private boolean restored;
  private java.time.Instant lastPass;
  private Thread thread;

  /** The one key of {@link #stepRetries}: the executor's loop retries one thing, its step. */
  private static final String STEP = "step";

  /** Backoff of a failing step: 5 ms doubling to 30 s, reset by the next step that succeeds. */
  private final RateLimiter<String> stepRetries =
      new ItemExponentialRateLimiter<>(
          new ExponentialBackoff(Duration.ofMillis(5), Duration.ofSeconds(30)));

  RemediationExecutor(
      RemediationConfig config,
      RequestSource source,
      RecordSink sink,
      KubernetesClient client,
      Clock clock,
      MeterRegistry meters) {
    this.config = config;
    this.source = source;
    this.sink = sink;
    this.clock = clock;
    this.meters = meters;
    this.policies = new PolicyStore(client, clock);
    KubeEvents events = config.dryRun() ? null : new KubeEvents(client, config.actor(), clock);
    this.recorder = new Recorder(config.cluster(), config.actor(), sink, events, meters, clock);
    LiveProjector projector =
        new LiveProjector(client.getKubernetesSerialization(), config.cluster(), clock);
    this.remediator =
        new Remediator(
            config,
            new Remediator.Views(
                new LiveState(client, projector),
                new MeshReader(client, config.controlPlaneNamespace(), projector, clock),
                policies::read),
            new Restarter(client),
            recorder,
            clock);
    Gauge.builder("meshwarden.remediation.in.flight", remediator, Remediator::inFlight)
        .description("Rolling restarts the executor is following now")
        .register(meters);
  }

  /**
   * An executor reading the request topic and publishing to the audit and findings topics; with
   * {@code config.dryRun()} it prints records to {@code out} instead and patches nothing.
   */
  public static RemediationExecutor create(
      RemediationConfig config,
      KubernetesClient client,
      Clock clock,
      MeterRegistry meters,
      PrintStream out) {
    RecordSink sink =
        config.dryRun() ? new PrintingRecordSink(out) : new KafkaRecordSink(config, clock);
    return new RemediationExecutor(
        config, new KafkaRequestSource(config), sink, client, clock, meters);
  }

  /** Runs steps on a thread of its own until {@link #close()}. */
  public synchronized void start() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    LOG.info(
        "Remediation executor {} for cluster {} starting{}",
        config.actor(),
        config.cluster(),
        config.dryRun() ? " in dry-run mode" : "");
    thread = new Thread(this::loop, "remediation-executor-" + config.cluster());
    thread.start();
  }

  private void loop() {
    MDC.put(LogContext.CLUSTER, config.cluster());
    while (running.get()) {
      try {
        step();
        stepRetries.forget(STEP);
      } catch (RuntimeException e) {
        if (KafkaErrors.classify(e) == KafkaErrors.Kind.FATAL && isKafka(e)) {
          LOG.error("Remediation executor stops on a fatal Kafka error", e);
          failed = true;
          running.set(false);
          return;
        }
        Duration backoff = stepRetries.when(STEP);
        LOG.warn(
            "Remediation step failed ({} in a row); retrying in {}",
            stepRetries.retries(STEP),
            backoff,
            e);
        pause(backoff);
      }
    }
  }

  /** One step: poll, pass, flush, commit, status. Call from one thread only. */
  public void step() {
    boolean skipped = false;
    for (RequestSource.Delivery d : source.poll(config.pollTimeout())) {
      nextOffset = Math.max(nextOffset, d.offset() + 1);
      if (d.unreadable() != null) {
        deadLetter(d);
        skipped = true;
        continue;
      }
      if (d.request() == null) {
        LOG.debug("Skipping {} at offset {}", d.error(), d.offset());
        skipped = true;
        continue;
      }
      if (!d.request().cluster().equals(config.cluster())) {
        LOG.warn("Skipping request {} for cluster {}", d.request().id(), d.request().cluster());
        skipped = true;
        continue;
      }
      remediator.offer(new Work(d.offset(), d.request(), java.time.Instant.now()));
    }
    if (source.takeRevoked()) {
      LOG.info("Request partition moved to another executor: dropping held requests");
      remediator.forget();
      nextOffset = -1;
      restored = false;
    }
    if (!source.active()) {
      return;
    }
    if (!restored) {
      // On taking the request partition: go on from the breaker and counts the previous owner
      // left in the policies' status (a dry run reads them too, to decide as the live one would).
      remediator.restore(policies.readPriorState());
      restored = true;
    }
    java.time.Instant now = clock.instant();
    // A skipped record is finished at once: flush and commit it now rather than after IDLE_PASS.
    if (!skipped
        && remediator.idle()
        && lastPass != null
        && now.isBefore(lastPass.plus(IDLE_PASS))) {
      return;
    }
    lastPass = now;
    List<ParsedPolicy> read = remediator.pass();
    sink.flush();
    if (nextOffset >= 0) {
      long commit =
          remediator.unfinishedOffsets().stream()
              .mapToLong(Long::longValue)
              .min()
              .orElse(nextOffset);
      source.commit(commit);
    }
    if (!config.dryRun()) {
      policies.writeStatus(read, recorder.counts(), remediator.breakerState());
    }
  }

  /**
   * Sends a poison request to {@code <prefix>.dlq}, unchanged, with the headers the reconciler's
   * stream and alerting use; it is committed with the next flush like any finished request.
   */
  private void deadLetter(RequestSource.Delivery d) {
    RequestSource.Unreadable u = d.unreadable();
    LOG.warn(
        "Unreadable remediation request {}-{}@{} ({}) goes to {}: {}",
        u.topic(),
        u.partition(),
        d.offset(),
        u.reason(),
        config.topics().deadLetter(),
        d.error());
    sink.deadLetter(
        u.key(),
        u.value(),
        DeadLetters.headers(u.reason(), d.error(), u.topic(), u.partition(), d.offset(), ROLE));
    Counter.builder("meshwarden.remediation.dead.letters")
        .description("Unreadable remediation requests sent to the dead-letter topic")
        .tag("reason", u.reason())
        .register(meters)
        .increment();
  }

  /** False once the executor stopped on a fatal Kafka error (it does not recover by itself). */
  public boolean healthy() {
    return !failed;
  }

  /**
   * Liveness: the executor has not stopped on a fatal error (Kubernetes then restarts the pod). No
   * readiness check: a standby executor that does not own the request partition is as ready as the
   * active one.
   */
  public void registerChecks(HealthChecks checks) {
    checks.addLiveness(
        HealthCheck.of(
            "remediation-executor",
            this::healthy,
            "Remediation executor stopped on a fatal error"));
  }

  /** Whether this instance owns the request partition now (is the cluster's active executor). */
  boolean active() {
    return source.active();
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    running.set(false);
    stopping.countDown();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    source.close();
    sink.close();
    LOG.info("Remediation executor {} stopped", config.actor());
  }

  private static boolean isKafka(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.apache.kafka.common.KafkaException) {
        return true;
      }
    }
    return false;
  }

  /** Waits out a backoff, or less when {@link #close()} is called meanwhile. */
  private void pause(Duration d) {
    try {
      stopping.await(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
