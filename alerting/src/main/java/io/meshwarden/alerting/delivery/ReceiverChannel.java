package io.meshwarden.alerting.delivery;

import io.meshwarden.alerting.config.DeliveryPolicy;
import io.meshwarden.alerting.grouping.Dispatch;
import io.meshwarden.alerting.grouping.Notification;
import io.meshwarden.alerting.receiver.Notifier;
import io.meshwarden.common.logging.LogContext;
import io.meshwarden.common.retry.ExponentialBackoff;
import io.meshwarden.common.retry.ItemExponentialRateLimiter;
import io.meshwarden.common.retry.RateLimiter;
import io.meshwarden.common.retry.RetryPolicy;
import io.meshwarden.common.retry.TokenBucketRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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
 * they run out; never logs URLs or bodies. Every line about a delivery carries the receiver and the
 * cluster, namespace and rule its alerts share in the MDC ({@link LogContext}).
 *
 * <p>Spacing comes from common's retry policy: a {@link RetryPolicy} per (dispatch, target) for the
 * backoff and the attempt budget, and a {@link TokenBucketRateLimiter} of one token per {@code
 * min_interval} for the pacing.
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
  private final RetryPolicy<Try> retries;
  private final RateLimiter<Try> deadLetterRetries;
  private final TokenBucketRateLimiter<Try> slots;
  private final CircuitBreaker[] breakers;
  private final ExecutorService workers;

  /** One target of one dispatch: the unit that is retried (a job compares by identity). */
  private record Try(Job job, int target) {}

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
    this.retries =
        new RetryPolicy<>(
            new ItemExponentialRateLimiter<>(Backoff.of(policy)), policy.maxAttempts());
    // A dead letter that cannot be written is tried again every max_backoff until it is.
    this.deadLetterRetries =
        new ItemExponentialRateLimiter<>(
            new ExponentialBackoff(policy.maxBackoff(), policy.maxBackoff()));
    this.slots =
        policy.minInterval().isZero()
            ? null
            : TokenBucketRateLimiter.oneEvery(policy.minInterval(), clock);
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
      execute(() -> attempt(job, target), Duration.ZERO);
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

  private void attempt(Job job, int target) {
    try (LogContext.Scope s = job.logContext(name)) {
      Duration slot = slots == null ? Duration.ZERO : slots.tryTake();
      if (!slot.isZero()) {
        execute(() -> attempt(job, target), slot);
        return;
      }
      send(job, target);
    }
  }

  private void send(Job job, int target) {
    Notification n = job.dispatch.notification();
    CircuitBreaker breaker = breakers[target];
    Try key = new Try(job, target);
    if (!breaker.tryAcquire()) {
      if (expired(job)) {
        deadLetter(
            job,
            target,
            retries.abandon(key),
            "circuit breaker open; gave up after " + policy.maxRetryTime());
      } else {
        Duration wait = breaker.retryIn();
        execute(() -> attempt(job, target), wait.isZero() ? Duration.ofMillis(10) : wait);
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
      retries.succeeded(key);
      breaker.success();
      metrics.sent(Duration.between(n.createdAt(), clock.instant()));
      LOG.debug("Delivered {} to {} target {}", n.id(), name, target);
      job.targetDone(false);
      return;
    }
    breaker.failure();
    metrics.failed();
    String error;
    RetryPolicy.Verdict verdict;
    Optional<Duration> retryAfter = Optional.empty();
    if (result instanceof Attempt.Retry r) {
      error = r.error();
      retryAfter = r.retryAfter();
      verdict = retries.failed(key, !expired(job));
    } else {
      error = ((Attempt.Permanent) result).error();
      verdict = retries.failed(key, false);
    }
    if (verdict instanceof RetryPolicy.Retry again) {
      Duration wait = Backoff.honouringRetryAfter(again.delay(), retryAfter);
      LOG.warn(
          "Delivery of {} to receiver {} target {} failed ({}), attempt {} of {}; retrying in {} ms",
          n.id(),
          name,
          target,
          error,
          again.attempts(),
          policy.maxAttempts(),
          wait.toMillis());
      metrics.retried();
      execute(() -> attempt(job, target), wait);
    } else {
      deadLetter(job, target, verdict.attempts(), error);
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
    Try key = new Try(job, target);
    try {
      deadLetters.write(letter);
    } catch (Exception e) {
      Duration wait = deadLetterRetries.when(key);
      LOG.warn(
          "Cannot write dead letter for {} of receiver {}: {}; trying again in {} ms",
          n.id(),
          name,
          e.toString(),
          wait.toMillis());
      execute(
          () -> {
            try (LogContext.Scope s = job.logContext(name)) {
              deadLetter(job, target, attempts, error);
            }
          },
          wait);
      return;
    }
    deadLetterRetries.forget(key);
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
    final Map<String, String> labels;

    Job(Dispatch dispatch, Consumer<Completion> done, int targets, Instant firstAttemptAt) {
      this.dispatch = dispatch;
      this.done = done;
      this.targets = targets;
      this.remaining = new AtomicInteger(targets);
      this.firstAttemptAt = firstAttemptAt;
      this.labels = dispatch.notification().commonLabels();
    }

    /**
     * The MDC for work on this job: the receiver, and the cluster, namespace, kind, name and rule
     * when all its alerts share them.
     */
    LogContext.Scope logContext(String receiver) {
      return LogContext.scope()
          .put(LogContext.RECEIVER, receiver)
          .put(LogContext.CLUSTER, labels.get("cluster"))
          .put(LogContext.NAMESPACE, labels.get("namespace"))
          .put(LogContext.KIND, labels.get("kind"))
          .put(LogContext.NAME, labels.get("name"))
          .put(LogContext.RULE, labels.get("code"));
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
