package io.meshwarden.alerting.delivery;

import io.meshwarden.alerting.config.DeliveryPolicy;
import io.meshwarden.alerting.grouping.Dispatch;
import io.meshwarden.alerting.grouping.Notification;
import io.meshwarden.alerting.receiver.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one receiver's notifications: at most {@code max_concurrency} requests in flight, at
 * least {@code min_interval} apart, each target behind its own circuit breaker, failed attempts
 * retried with backoff (no thread waits: retries are scheduled), and after the last attempt the
 * notification goes to the dead-letter sink. Logs at warn while retries remain and at error when
 * they run out; never logs URLs or bodies.
 */
public final class ReceiverChannel implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReceiverChannel.class);

  /** The end of one dispatch: every target delivered or dead-lettered. */
  public record Completion(Dispatch dispatch, int delivered, int deadLettered) {}

  private final String name;
  private final Notifier notifier;
  private final DeliveryPolicy policy;
  private final HttpTransport transport;
  private final DeadLetterSink deadLetters;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final DeliveryMetrics metrics;
  private final Backoff backoff;
  private final CircuitBreaker[] breakers;
  private final ExecutorService workers;
  private Instant nextSlot = Instant.EPOCH;

  /** Collaborators of a channel. */
  public record Wiring(
      HttpTransport transport,
      DeadLetterSink deadLetters,
      ScheduledExecutorService scheduler,
      Clock clock) {}

  public ReceiverChannel(
      String name,
      Notifier notifier,
      DeliveryPolicy policy,
      Wiring wiring,
      DeliveryMetrics metrics) {
    this.name = name;
    this.notifier = notifier;
    this.policy = policy;
    this.transport = wiring.transport();
    this.deadLetters = wiring.deadLetters();
    this.scheduler = wiring.scheduler();
    this.clock = wiring.clock();
    this.metrics = metrics;
    this.backoff = new Backoff(policy, Math::random);
    this.breakers = new CircuitBreaker[notifier.targets()];
    for (int i = 0; i < breakers.length; i++) {
      breakers[i] = new CircuitBreaker(policy.breakerThreshold(), policy.breakerOpenFor(), clock);
    }
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            policy.maxConcurrency(),
            r -> {
              Thread t = new Thread(r, "alerting-" + name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Delivers {@code dispatch} to every target; {@code done} runs once all have ended. */
  public void submit(Dispatch dispatch, Consumer<Completion> done) {
    Job job = new Job(dispatch, done, notifier.targets(), clock.instant());
    for (int t = 0; t < notifier.targets(); t++) {
      int target = t;
      execute(() -> attempt(job, target, 1), Duration.ZERO);
    }
  }

  /**
   * Targets whose circuit breaker is not closed: open (refusing calls) or half-open (waiting for,
   * or sending, the probe that decides whether it closes).
   */
  public int breakersNotClosed() {
    int n = 0;
    for (CircuitBreaker b : breakers) {
      if (b.state() != CircuitBreaker.State.CLOSED) {
        n++;
      }
    }
    return n;
  }

  private void attempt(Job job, int target, int attempt) {
    Notification n = job.dispatch.notification();
    CircuitBreaker breaker = breakers[target];
    Duration slot = reserveSlot();
    if (!slot.isZero()) {
      execute(() -> attempt(job, target, attempt), slot);
      return;
    }
    if (!breaker.tryAcquire()) {
      if (expired(job)) {
        deadLetter(
            job,
            target,
            attempt - 1,
            "circuit breaker open; gave up after " + policy.maxRetryTime());
      } else {
        Duration wait = breaker.retryIn();
        execute(() -> attempt(job, target, attempt), wait.isZero() ? Duration.ofMillis(10) : wait);
      }
      return;
    }
    Attempt result;
    try {
      result =
          Attempt.run(
              transport, notifier.render(n, target, clock.instant()), policy.timeout(), clock);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // shutting down: the ledger still says pending, the next run sends it again
    } catch (RuntimeException e) {
      result = new Attempt.Permanent("cannot render: " + e.getClass().getSimpleName());
    }
    if (result instanceof Attempt.Delivered) {
      breaker.success();
      metrics.sent(Duration.between(n.createdAt(), clock.instant()));
      LOG.debug("Delivered {} to {} target {}", n.id(), name, target);
      job.targetDone(false);
      return;
    }
    breaker.failure();
    metrics.failed();
    if (result instanceof Attempt.Permanent p) {
      deadLetter(job, target, attempt, p.error());
    } else if (result instanceof Attempt.Retry r) {
      if (attempt >= policy.maxAttempts() || expired(job)) {
        deadLetter(job, target, attempt, r.error());
      } else {
        Duration wait = backoff.delay(attempt, r.retryAfter());
        LOG.warn(
            "Delivery of {} to receiver {} target {} failed ({}), attempt {} of {}; retrying in {} ms",
            n.id(),
            name,
            target,
            r.error(),
            attempt,
            policy.maxAttempts(),
            wait.toMillis());
        metrics.retried();
        execute(() -> attempt(job, target, attempt + 1), wait);
      }
    }
  }

  private void deadLetter(Job job, int target, int attempts, String error) {
    Notification n = job.dispatch.notification();
    DeadLetter letter =
        new DeadLetter(
            DeadLetter.SCHEMA,
            name,
            target,
            n,
            error,
            attempts,
            job.firstAttemptAt,
            clock.instant());
    try {
      deadLetters.write(letter);
    } catch (Exception e) {
      LOG.warn(
          "Cannot write dead letter for {} of receiver {}: {}; trying again",
          n.id(),
          name,
          e.toString());
      execute(() -> deadLetter(job, target, attempts, error), policy.maxBackoff());
      return;
    }
    LOG.error(
        "Gave up delivering {} ({} alerts) to receiver {} target {} after {} attempts: {}; sent to the"
            + " dead-letter topic",
        n.id(),
        n.alerts().size(),
        name,
        target,
        attempts,
        error);
    metrics.deadLettered();
    job.targetDone(true);
  }

  private boolean expired(Job job) {
    return !clock.instant().isBefore(job.firstAttemptAt.plus(policy.maxRetryTime()));
  }

  private synchronized Duration reserveSlot() {
    if (policy.minInterval().isZero()) {
      return Duration.ZERO;
    }
    Instant now = clock.instant();
    if (now.isBefore(nextSlot)) {
      return Duration.between(now, nextSlot);
    }
    nextSlot = now.plus(policy.minInterval());
    return Duration.ZERO;
  }

  private void execute(Runnable task, Duration delay) {
    try {
      if (delay.isZero()) {
        workers.execute(task);
      } else {
        scheduler.schedule(
            () -> execute(task, Duration.ZERO), delay.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (RejectedExecutionException e) {
      LOG.debug("Receiver {} is shutting down; dropping a scheduled attempt", name);
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  private static final class Job {
    final Dispatch dispatch;
    final Consumer<Completion> done;
    final AtomicInteger remaining;
    final AtomicInteger dead = new AtomicInteger();
    final Instant firstAttemptAt;
    final int targets;

    Job(Dispatch dispatch, Consumer<Completion> done, int targets, Instant firstAttemptAt) {
      this.dispatch = dispatch;
      this.done = done;
      this.targets = targets;
      this.remaining = new AtomicInteger(targets);
      this.firstAttemptAt = firstAttemptAt;
    }

    void targetDone(boolean deadLettered) {
      if (deadLettered) {
        dead.incrementAndGet();
      }
      if (remaining.decrementAndGet() == 0) {
        done.accept(new Completion(dispatch, targets - dead.get(), dead.get()));
      }
    }
  }
}
