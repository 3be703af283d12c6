package io.meshwarden.executor;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.meshwarden.common.kafka.KafkaSettings;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.RemediationAction;
import io.meshwarden.common.protocol.RemediationRecord;
import io.meshwarden.common.protocol.RemediationRecord.Outcome;
import io.meshwarden.common.protocol.RemediationRequest;
import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kubernetes.Fixtures;
import io.meshwarden.testkit.sim.Revision;
import io.meshwarden.testkit.sim.SimEvent;
import io.meshwarden.testkit.sim.SimulatedCluster;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * One test's world: a simulated Istio cluster with the InjectionPolicy CRD and istiod services, its
 * own topics on the shared Kafka, a request producer, and executors driven step by step between
 * simulator ticks (the executor reads the simulator's manual clock).
 */
final class RemediationSim implements AutoCloseable {

  static final String CLUSTER = "sim";
  private static final AtomicInteger SEQ = new AtomicInteger();
  static final Path CRD =
      Path.of(
          "..",
          "deploy",
          "base",
          "040-CustomResourceDefinition-injectionpolicies.meshwarden.io.yaml");

  final SimulatedCluster cluster;
  final KafkaCluster kafka;
  final TopicNames topics;
  private final KafkaProducer<String, byte[]> producer;
  private final List<RemediationExecutor> executors = new ArrayList<>();
  CapturingSink sink;
  RemediationExecutor executor;
  RemediationConfig config;
  final io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

  RemediationSim(KafkaCluster kafka) {
    this.kafka = kafka;
    this.topics = new TopicNames("t" + SEQ.incrementAndGet() + "-" + System.nanoTime() % 100000);
    kafka.createTopic(topics.remediationRequests(CLUSTER), 1);
    kafka.createTopic(topics.remediations(), 1);
    kafka.createTopic(topics.findings(), 1);
    kafka.createTopic(topics.deadLetter(), 1);
    this.producer =
        new KafkaProducer<>(
            kafka.producerProps(), new StringSerializer(), new ByteArraySerializer());
    this.cluster = SimulatedCluster.builder().nodes(2).start();
    try (FileInputStream in = new FileInputStream(CRD.toFile())) {
      CustomResourceDefinition crd =
          client().apiextensions().v1().customResourceDefinitions().load(in).item();
      client().apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.config =
        RemediationConfig.defaults(
                CLUSTER, KafkaSettings.plaintext(List.of(kafka.bootstrapServers())), "executor-a")
            .withTimeouts(Duration.ofSeconds(60), Duration.ofMillis(20));
    config =
        new RemediationConfig(
            CLUSTER,
            topics,
            config.kafka(),
            "group-" + topics.prefix(),
            "executor-a",
            false,
            "istio-system",
            config.pollTimeout(),
            config.rolloutTimeout(),
            3,
            Duration.ofHours(1),
            null,
            Duration.ofHours(1));
  }

  KubernetesClient client() {
    return cluster.client();
  }

  /**
   * Revision 1-24-0 installed as the default, namespace {@code shop} with {@code deployments}
   * Deployments of {@code replicas} pods each, running for 10 simulated seconds.
   */
  RemediationSim shop(int deployments, int replicas) {
    install("1-24-0", "1.24.0");
    client().resource(io.meshwarden.testkit.kubernetes.Fixtures.namespace("shop").build()).create();
    deployments("shop", deployments, replicas);
    cluster.advance(Duration.ofSeconds(10));
    return this;
  }

  /**
   * Like {@link #shop(int, int)}, with namespace {@code shop} labelled for injection and a webhook
   * whose {@code failurePolicy} is {@code Ignore}: while the injector answers no call ({@code
   * faults().injectorDown}), new pods start without a sidecar although every health check of the
   * injector passes. A restart then leaves the drift in place.
   */
  RemediationSim shopInjectedFailingOpen(int deployments, int replicas) {
    install(Revision.of("1-24-0", "1.24.0").asDefault().withFailurePolicy("Ignore"));
    client().resource(io.meshwarden.testkit.kubernetes.Fixtures.namespace("shop").build()).create();
    deployments("shop", deployments, replicas);
    cluster.advance(Duration.ofSeconds(10));
    labelNamespace("shop", "istio-injection", "enabled");
    return this;
  }

  /** Installs revision {@code rev} (proxy {@code tag}) as the default, with istiod's service. */
  RemediationSim install(String rev, String tag) {
    return install(Revision.of(rev, tag).asDefault());
  }

  private RemediationSim install(Revision revision) {
    String rev = revision.name();
    cluster.controlPlane().install(revision);
    client()
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("istiod-" + rev)
                .withNamespace("istio-system")
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withPort(443)
                .endPort()
                .endSpec()
                .build())
        .create();
    return this;
  }

  void deployments(String namespace, int count, int replicas) {
    for (int i = 0; i < count; i++) {
      deployment(namespace, "app-" + i, replicas);
    }
  }

  Deployment deployment(String namespace, String name, int replicas) {
    return Fixtures.deployment(name).inNamespace(namespace).withReplicas(replicas).create(client());
  }

  void labelNamespace(String namespace, String key, String value) {
    client()
        .namespaces()
        .withName(namespace)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"labels\":{\"" + key + "\":\"" + value + "\"}}}");
  }

  /** Creates an InjectionPolicy from its {@code spec}. */
  void policy(String name, Map<String, Object> spec) {
    GenericKubernetesResource policy = new GenericKubernetesResource();
    policy.setApiVersion("meshwarden.io/v1alpha1");
    policy.setKind("InjectionPolicy");
    policy.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
    policy.setAdditionalProperty("spec", spec);
    client().genericKubernetesResources(PolicyStore.CONTEXT).resource(policy).create();
  }

  GenericKubernetesResource policy(String name) {
    return client().genericKubernetesResources(PolicyStore.CONTEXT).withName(name).get();
  }

  /** Produces a rolling-restart request for Deployment {@code namespace/name}. */
  RemediationRequest request(String namespace, String name, String expectedRevision) {
    return request("Deployment", namespace, name, expectedRevision);
  }

  /** Produces a rolling-restart request for {@code kind} {@code namespace/name}, for MW0001. */
  RemediationRequest request(String kind, String namespace, String name, String expectedRevision) {
    return request("MW0001", kind, namespace, name, expectedRevision);
  }

  /**
   * Produces a rolling-restart request for {@code kind} {@code namespace/name}, raised by rule
   * {@code code}.
   */
  RemediationRequest request(
      String code, String kind, String namespace, String name, String expectedRevision) {
    RemediationRequest r =
        new RemediationRequest(
            null,
            "req-" + namespace + "-" + name + "-" + SEQ.incrementAndGet(),
            CLUSTER,
            new ObjectRef(kind, namespace, name, null),
            RemediationAction.ROLLING_RESTART,
            code,
            List.of(),
            expectedRevision,
            cluster.clock().instant(),
            "test");
    send(r);
    return r;
  }

  void send(RemediationRequest r) {
    producer.send(
        new ProducerRecord<>(
            topics.remediationRequests(CLUSTER),
            r.target().key(),
            WireSerde.remediationRequests().serialize(null, r)));
    producer.flush();
  }

  /** Starts an executor with {@code c} and steps it until it owns the request partition. */
  RemediationExecutor startExecutor(RemediationConfig c) {
    return startExecutor(c, new KafkaRecordSink(c, cluster.clock()));
  }

  /** Starts an executor with {@code c} publishing to {@code next}. */
  RemediationExecutor startExecutor(RemediationConfig c, RecordSink next) {
    return startExecutor(c, next, client());
  }

  /**
   * Starts an executor with {@code c} publishing to {@code next}, calling the API with {@code k}.
   */
  RemediationExecutor startExecutor(RemediationConfig c, RecordSink next, KubernetesClient k) {
    sink = new CapturingSink(next);
    executor =
        new RemediationExecutor(c, new KafkaRequestSource(c), sink, k, cluster.clock(), meters);
    executors.add(executor);
    RemediationExecutor e = executor;
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(1))
        .until(
            () -> {
              e.step();
              return e.active();
            });
    return executor;
  }

  RemediationExecutor startExecutor() {
    return startExecutor(config);
  }

  /** Ticks the simulator, one executor step per tick, until {@code done} or {@code limit}. */
  boolean run(BooleanSupplier done, Duration limit) {
    return cluster.runUntil(
        () -> {
          executor.step();
          return done.getAsBoolean();
        },
        limit);
  }

  List<RemediationRecord> records(Outcome outcome) {
    return sink.records().stream().filter(r -> r.outcome() == outcome).toList();
  }

  long terminal() {
    return sink.records().stream().filter(r -> r.outcome() != Outcome.STARTED).count();
  }

  /** Rollouts started for {@code namespace} at or after {@code since}. */
  List<SimEvent> rolloutsStarted(String namespace, Instant since) {
    return cluster
        .events()
        .matching(
            e ->
                e.type() == SimEvent.Type.ROLLOUT_STARTED
                    && e.namespace().equals(namespace)
                    && !e.at().isBefore(since));
  }

  /** The most rollouts in progress at once in {@code namespace} from {@code since}, per the log. */
  int maxConcurrentRollouts(String namespace, Instant since) {
    int running = 0;
    int max = 0;
    java.util.Set<String> open = new java.util.HashSet<>();
    for (SimEvent e : cluster.events().all()) {
      if (!e.namespace().equals(namespace) || e.at().isBefore(since)) {
        continue;
      }
      if (e.type() == SimEvent.Type.ROLLOUT_STARTED && open.add(e.name())) {
        running++;
      } else if (e.type() == SimEvent.Type.ROLLOUT_FINISHED && open.remove(e.name())) {
        running--;
      }
      max = Math.max(max, running);
    }
    return max;
  }

  /** Every record on the audit topic so far. */
  List<RemediationRecord> auditTopic() {
    Map<String, Object> props = kafka.consumerProps("audit-" + System.nanoTime());
    List<RemediationRecord> out = new ArrayList<>();
    try (var consumer =
        new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(props)) {
      var tp = new org.apache.kafka.common.TopicPartition(topics.remediations(), 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      while (consumer.position(tp) < end) {
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(r -> out.add(WireSerde.remediationRecords().deserialize(null, r.value())));
      }
    }
    return out;
  }

  static String json(Object o) {
    return Serialization.asJson(o);
  }

  @Override
  public void close() {
    executors.forEach(RemediationExecutor::close);
    producer.close();
    cluster.close();
  }
}
