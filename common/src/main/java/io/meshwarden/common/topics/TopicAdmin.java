package io.meshwarden.common.topics;

import io.meshwarden.common.retry.ExponentialBackoff;
import io.meshwarden.common.retry.ItemExponentialRateLimiter;
import io.meshwarden.common.retry.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the topics meshwarden needs exist: creates missing ones when allowed, and reports
 * existing ones whose partitions, replication or configs differ from the spec. It never alters an
 * existing topic: changing partitions would break namespace affinity and changing configs is the
 * Kafka owner's call (Strimzi KafkaTopics in {@code deploy/}).
 */
public final class TopicAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

  /**
   * How often {@link #awaitLeaders} asks again: 50 ms at first (new partitions usually have a
   * leader within a few), doubling to at most a second on a slow cluster.
   */
  static final ExponentialBackoff LEADER_POLL =
      new ExponentialBackoff(Duration.ofMillis(50), Duration.ofSeconds(1));

  private final Admin admin;
  private final Duration timeout;

  public TopicAdmin(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /** One way an existing topic differs from its spec. */
  public record Drift(String topic, String setting, String expected, String actual) {}

  /**
   * What {@link #ensure} found and did.
   *
   * @param created topics it created
   * @param missing topics that do not exist and were not created (creation not allowed)
   * @param drifts differences between existing topics and their specs
   */
  public record Report(List<String> created, List<String> missing, List<Drift> drifts) {

    /** True when every topic exists (now) and matches its spec. */
    public boolean healthy() {
      return missing.isEmpty() && drifts.isEmpty();
    }
  }

  /**
   * Checks {@code specs} against the cluster, creating missing topics when {@code create} is true
   * and waiting until each created partition has a leader.
   *
   * @throws TopicAdminException when the cluster cannot be asked or a creation fails
   */
  public Report ensure(Collection<TopicSpec> specs, boolean create) {
    try {
      Set<String> existing = admin.listTopics().names().get(millis(), TimeUnit.MILLISECONDS);
      List<TopicSpec> absent = specs.stream().filter(s -> !existing.contains(s.name())).toList();
      List<TopicSpec> present = specs.stream().filter(s -> existing.contains(s.name())).toList();

      List<String> created = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      if (create) {
        created.addAll(createAll(absent));
      } else {
        absent.forEach(s -> missing.add(s.name()));
      }
      List<Drift> drifts = present.isEmpty() ? List.of() : compare(present);
      drifts.forEach(
          d ->
              LOG.warn(
                  "Topic {} differs from what meshwarden expects: {} is {}, expected {}",
                  d.topic(),
                  d.setting(),
                  d.actual(),
                  d.expected()));
      return new Report(List.copyOf(created), List.copyOf(missing), List.copyOf(drifts));
    } catch (ExecutionException e) {
      throw new TopicAdminException("cannot check topics: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new TopicAdminException("Kafka did not answer within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicAdminException("interrupted while checking topics", e);
    }
  }

  /**
   * The partition count of {@code topic}, or empty when it does not exist or Kafka cannot be asked
   * within the timeout (callers fall back to not knowing it).
   */
  public OptionalInt partitions(String topic) {
    try {
      TopicDescription d =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(millis(), TimeUnit.MILLISECONDS)
              .get(topic);
      return d == null ? OptionalInt.empty() : OptionalInt.of(d.partitions().size());
    } catch (ExecutionException | TimeoutException e) {
      LOG.info("Cannot learn the partitions of {}: {}", topic, e.toString());
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    }
  }

  private List<String> createAll(List<TopicSpec> absent)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (absent.isEmpty()) {
      return List.of();
    }
    List<NewTopic> requests =
        absent.stream()
            .map(
                s ->
                    new NewTopic(s.name(), s.partitions(), s.replicationFactor())
                        .configs(s.configs()))
            .toList();
    List<String> created = new ArrayList<>();
    var results = admin.createTopics(requests).values();
    for (var e : results.entrySet()) {
      try {
        e.getValue().get(millis(), TimeUnit.MILLISECONDS);
        created.add(e.getKey());
        LOG.info("Created topic {}", e.getKey());
      } catch (ExecutionException ex) {
        if (!(ex.getCause() instanceof TopicExistsException)) {
          throw ex;
        }
        // Another replica created it between our list and create: fine.
      }
    }
    awaitLeaders(absent.stream().map(TopicSpec::name).toList());
    return created;
  }

  /**
   * Waits until every partition of {@code topics} has a leader: producing earlier can lose records.
   */
  private void awaitLeaders(List<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    Instant deadline = Instant.now().plus(timeout);
    RateLimiter<List<String>> polls = new ItemExponentialRateLimiter<>(LEADER_POLL);
    while (true) {
      boolean allLed;
      try {
        Map<String, TopicDescription> described =
            admin.describeTopics(topics).allTopicNames().get(millis(), TimeUnit.MILLISECONDS);
        allLed =
            described.values().stream()
                .flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
        // The broker that answered has not learnt of the new topic yet: ask again.
        allLed = false;
      }
      if (allLed) {
        return;
      }
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative()) {
        throw new TimeoutException("partitions of " + topics + " have no leader yet");
      }
      Duration pause = polls.when(topics);
      TimeUnit.NANOSECONDS.sleep(Math.min(pause.toNanos(), left.toNanos()));
    }
  }

  private List<Drift> compare(List<TopicSpec> present)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, TopicSpec> byName =
        present.stream().collect(Collectors.toMap(TopicSpec::name, s -> s));
    Map<String, TopicDescription> described =
        admin.describeTopics(byName.keySet()).allTopicNames().get(millis(), TimeUnit.MILLISECONDS);
    Map<ConfigResource, Config> configs =
        admin
            .describeConfigs(
                byName.keySet().stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                    .toList())
            .all()
            .get(millis(), TimeUnit.MILLISECONDS);

    List<Drift> drifts = new ArrayList<>();
    for (TopicSpec spec : present) {
      TopicDescription d = described.get(spec.name());
      List<TopicPartitionInfo> partitions = d.partitions();
      if (partitions.size() != spec.partitions()) {
        drifts.add(drift(spec, "partitions", spec.partitions(), partitions.size()));
      }
      int rf = partitions.isEmpty() ? 0 : partitions.get(0).replicas().size();
      if (rf != spec.replicationFactor()) {
        drifts.add(drift(spec, "replication.factor", spec.replicationFactor(), rf));
      }
      Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
      Map<String, String> values = new HashMap<>();
      actual.entries().forEach(ce -> values.put(ce.name(), ce.value()));
      spec.configs()
          .forEach(
              (k, v) -> {
                String have = values.get(k);
                if (!v.equals(have)) {
                  drifts.add(new Drift(spec.name(), k, v, have));
                }
              });
    }
    return drifts;
  }

  private static Drift drift(TopicSpec spec, String setting, Object expected, Object actual) {
    return new Drift(spec.name(), setting, String.valueOf(expected), String.valueOf(actual));
  }

  private long millis() {
    return timeout.toMillis();
  }
}
