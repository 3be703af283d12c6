package io.meshwarden.reconciler;

import io.meshwarden.common.http.Meters;
import io.meshwarden.common.protocol.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The reconciler's meters. Tags are bounded: {@code rule} (a rule code), {@code severity}, {@code
 * scope} ({@code namespace} or {@code mesh}), {@code type} (event type), {@code topic} ({@code
 * objects} or {@code mesh}), {@code reason}, {@code namespace} (namespaces are bounded by the
 * cluster; never a pod or workload name). Every value is this instance's share: sum over instances.
 */
public final class ReconcilerMetrics {

  private record RuleKey(String rule, Severity severity) {}

  private record Coverage(AtomicLong injected, AtomicLong expected) {}

  private final MeterRegistry registry;
  private final Map<RuleKey, AtomicLong> open = new ConcurrentHashMap<>();
  private final Map<String, Coverage> coverage = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final AtomicReference<String> streamsState = new AtomicReference<>("CREATED");
  private final AtomicLong clusterRulesWaiting = new AtomicLong();
  private final Timer evaluation;
  private final Timer endToEnd;

  public ReconcilerMetrics(MeterRegistry registry) {
    this.registry = registry;
    evaluation =
        Timer.builder(Meters.name("reconciler.evaluation.duration"))
            .description("Time to evaluate every rule over one namespace (or the mesh)")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    endToEnd =
        Timer.builder(Meters.name("reconciler.fact.to.finding"))
            .description(
                "From a fact's observedAt to the finding event it caused (after any for-hold)")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    Gauge.builder(
            Meters.name("reconciler.cluster.rules.waiting"), clusterRulesWaiting, AtomicLong::get)
        .description(
            "1 while this instance's cluster task waits for every shard's first digests before"
                + " evaluating cluster rules, else 0")
        .register(registry);
  }

  /** Whether this instance's cluster task is waiting for shards to publish their digests. */
  public void clusterRulesWaiting(boolean waiting) {
    clusterRulesWaiting.set(waiting ? 1 : 0);
  }

  /** A namespace digest was not published because it exceeded the size limit. */
  public void digestOversized() {
    counters
        .computeIfAbsent(
            "digests-oversized",
            k ->
                Counter.builder(Meters.name("reconciler.digests.oversized"))
                    .description("Namespace digests not published because they were too large")
                    .register(registry))
        .increment();
  }

  /** The open findings gauge of {@code rule} and {@code severity} moves by {@code delta}. */
  public void openFindings(String rule, Severity severity, long delta) {
    open.computeIfAbsent(new RuleKey(rule, severity), this::registerOpen).addAndGet(delta);
  }

  private AtomicLong registerOpen(RuleKey key) {
    AtomicLong value = new AtomicLong();
    Gauge.builder(Meters.name("findings.open"), value, AtomicLong::get)
        .description("Open findings this instance's shards hold, by rule and severity")
        .tag("rule", key.rule())
        .tag("severity", key.severity().name())
        .register(registry);
    return value;
  }

  /** One evaluation of {@code scope} took {@code took}. */
  public void evaluated(String scope, Duration took) {
    counter(
            "reconciler.evaluations",
            "Rule evaluations of one namespace, the mesh or the cluster",
            "scope",
            scope)
        .increment();
    evaluation.record(took);
  }

  /** A finding event of {@code type} went out, {@code latency} after its fact was observed. */
  public void emitted(String type, Duration latencyOrNull) {
    counter("reconciler.findings.emitted", "Finding events published, by type", "type", type)
        .increment();
    if (latencyOrNull != null && !latencyOrNull.isNegative()) {
      endToEnd.record(latencyOrNull);
    }
  }

  /** A remediation request for a finding of {@code rule} went out. */
  public void remediationRequested(String rule) {
    counter("reconciler.remediation.requests", "Remediation requests published", "rule", rule)
        .increment();
  }

  /**
   * A record of {@code topic} ({@code objects}, {@code mesh} or {@code digests}) went to the
   * dead-letter topic.
   */
  public void deadLetter(String topic, String reason) {
    counters
        .computeIfAbsent(
            "dlq/" + topic + "/" + reason,
            k ->
                Counter.builder(Meters.name("reconciler.dead.letters"))
                    .description("Records that could not be read, sent to the dead-letter topic")
                    .tag("topic", topic)
                    .tag("reason", reason)
                    .register(registry))
        .increment();
  }

  /** Injection coverage of {@code namespace}: injected pods among those Istio would inject. */
  public void coverage(String namespace, long injected, long expected) {
    Coverage c =
        coverage.computeIfAbsent(
            namespace,
            ns -> {
              Coverage fresh = new Coverage(new AtomicLong(), new AtomicLong());
              Gauge.builder(
                      Meters.name("injection.coverage.ratio"), fresh, ReconcilerMetrics::ratio)
                  .description("Pods with a sidecar among the pods Istio would inject (1 if none)")
                  .tag("namespace", ns)
                  .register(registry);
              Gauge.builder(Meters.name("injection.pods.expected"), fresh, f -> f.expected().get())
                  .description("Pods Istio would inject today")
                  .tag("namespace", ns)
                  .register(registry);
              return fresh;
            });
    c.injected().set(injected);
    c.expected().set(expected);
  }

  /** Drops the coverage gauges of a namespace this instance no longer evaluates. */
  public void forgetCoverage(String namespace) {
    if (coverage.remove(namespace) != null) {
      registry
          .find(Meters.name("injection.coverage.ratio"))
          .tag("namespace", namespace)
          .meters()
          .forEach(registry::remove);
      registry
          .find(Meters.name("injection.pods.expected"))
          .tag("namespace", namespace)
          .meters()
          .forEach(registry::remove);
    }
  }

  /** Registers the Streams state gauges: one per state, 1 for the current one. */
  public void streamsState(Iterable<String> states) {
    for (String s : states) {
      Gauge.builder(
              Meters.name("reconciler.streams.state"), streamsState, v -> s.equals(v.get()) ? 1 : 0)
          .description("1 for the Kafka Streams application's current state")
          .tag("state", s)
          .register(registry);
    }
  }

  /** The Streams application moved to {@code state}. */
  public void streamsStateIs(String state) {
    streamsState.set(state);
  }

  private static double ratio(Coverage c) {
    long expected = c.expected().get();
    return expected == 0 ? 1.0 : (double) c.injected().get() / expected;
  }

  private Counter counter(String name, String description, String tag, String value) {
    return counters.computeIfAbsent(
        name + "/" + value,
        k ->
            Counter.builder(Meters.name(name))
                .description(description)
                .tag(tag, value)
                .register(registry));
  }
}
