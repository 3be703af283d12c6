package io.meshwarden.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.meshwarden.common.protocol.RemediationRecord;
import io.meshwarden.common.protocol.RemediationRecord.Outcome;
import io.meshwarden.common.protocol.RemediationRequest;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.sim.ProxyFault;
import io.meshwarden.testkit.sim.SimEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The executor on a simulated cluster with requests on a real request topic. */
class RemediationExecutorIT {

  @RegisterExtension static final KafkaCluster KAFKA = KafkaCluster.perClass();

  private RemediationSim sim;
  private final List<AutoCloseable> closeAfter = new java.util.ArrayList<>();

  @BeforeEach
  void setUp() {
    sim = new RemediationSim(KAFKA);
  }

  @AfterEach
  void tearDown() throws Exception {
    sim.close();
    for (AutoCloseable c : closeAfter) {
      c.close();
    }
  }

  private static Map<String, Object> enforce(Map<String, Object> remediation) {
    return Map.of("mode", "enforce", "remediation", remediation);
  }

  @Test
  void restartsEveryWorkloadOfANamespaceLabelledAfterItsWorkloadsRanWithinMaxConcurrent() {
    sim.shop(5, 2);
    assertThat(pods("shop")).allMatch(p -> !hasSidecar(p));
    sim.labelNamespace("shop", "istio-injection", "enabled");
    sim.policy("shop", enforce(Map.of("maxConcurrent", 2, "cooldown", "1m")));
    sim.startExecutor();
    Instant since = sim.cluster.clock().instant();
    for (int i = 0; i < 5; i++) {
      sim.request("shop", "app-" + i, null);
    }

    boolean done = sim.run(() -> sim.terminal() == 5, Duration.ofMinutes(5));

    assertThat(done).as("records %s", sim.sink.records()).isTrue();
    assertThat(sim.records(Outcome.SUCCEEDED)).hasSize(5);
    assertThat(pods("shop")).hasSize(10).allMatch(RemediationExecutorIT::hasSidecar);
    assertThat(sim.rolloutsStarted("shop", since)).hasSize(5);
    assertThat(sim.maxConcurrentRollouts("shop", since)).isEqualTo(2);

    RemediationRequest again = sim.request("shop", "app-0", null);
    sim.run(() -> recordOf(again) != null, Duration.ofSeconds(10));
    assertThat(recordOf(again).reason()).isEqualTo("resolved");
  }

  /** Five injected workloads on revision 1-24-0, then an in-place upgrade to proxy 1.24.1. */
  private Instant upgradedInPlace(int workloads) {
    sim.install("1-24-0", "1.24.0");
    sim.client()
        .resource(
            io.meshwarden.testkit.kubernetes.Fixtures.namespace("shop")
                .withLabel("istio-injection", "enabled")
                .build())
        .create();
    sim.deployments("shop", workloads, 1);
    sim.cluster.advance(Duration.ofSeconds(10));
    assertThat(pods("shop")).allMatch(p -> proxyImage(p).endsWith(":1.24.0"));
    sim.cluster.controlPlane().upgradeInPlace("1-24-0", "1.24.1");
    sim.policy(
        "shop",
        enforce(
            Map.of("maxConcurrent", 2, "canary", true, "waveSize", 2, "minWaveInterval", "30s")));
    sim.startExecutor();
    return sim.cluster.clock().instant();
  }

  @Test
  void upgradesInPlaceWithACanaryFirstThenWaves() {
    Instant since = upgradedInPlace(5);
    for (int i = 0; i < 5; i++) {
      sim.request("MW0004", "Deployment", "shop", "app-" + i, "1-24-0");
    }

    boolean done = sim.run(() -> sim.terminal() == 5, Duration.ofMinutes(10));

    assertThat(done).as("records %s", sim.sink.records()).isTrue();
    assertThat(sim.records(Outcome.SUCCEEDED)).hasSize(5);
    assertThat(pods("shop")).allMatch(p -> proxyImage(p).endsWith(":1.24.1"));
    List<SimEvent> started = sim.rolloutsStarted("shop", since);
    assertThat(started).hasSize(5);
    SimEvent canary = started.get(0);
    Instant canaryDone = finished("shop", canary.name(), since);
    assertThat(canary.name()).isEqualTo("app-0");
    assertThat(started.subList(1, 5)).allMatch(e -> !e.at().isBefore(canaryDone));
    assertThat(sim.maxConcurrentRollouts("shop", since)).isEqualTo(2);
    Instant secondWave = started.get(3).at();
    assertThat(Duration.between(started.get(1).at(), secondWave))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aCanaryWhoseNewPodsNeverBecomeReadyHaltsTheCampaign() {
    Instant since = upgradedInPlace(4);
    for (int i = 0; i < 4; i++) {
      sim.request("MW0004", "Deployment", "shop", "app-" + i, "1-24-0");
    }
    sim.run(() -> !sim.records(Outcome.STARTED).isEmpty(), Duration.ofSeconds(30));
    sim.cluster.proxyFault("shop", "app-0", ProxyFault.NEVER_READY);

    boolean done = sim.run(() -> sim.terminal() == 4, Duration.ofMinutes(5));

    assertThat(done).as("records %s", sim.sink.records()).isTrue();
    assertThat(sim.records(Outcome.FAILED))
        .singleElement()
        .satisfies(r -> assertThat(r.target().name()).isEqualTo("app-0"))
        .satisfies(r -> assertThat(r.reason()).isEqualTo("rollout-timeout"));
    assertThat(sim.records(Outcome.HALTED))
        .hasSize(3)
        .allMatch(r -> r.reason().equals("campaign-halted"));
    assertThat(sim.rolloutsStarted("shop", since))
        .extracting(SimEvent::name)
        .containsExactly("app-0");
    assertThat(sim.sink.findings()).anyMatch(f -> f.code().equals("MW0091"));
  }

  @Test
  void withholdsTheRestartWhileTheInjectorIsDown() {
    sim.shop(1, 2);
    sim.labelNamespace("shop", "istio-injection", "enabled");
    sim.policy("shop", enforce(Map.of()));
    sim.cluster.faults().injectorDown(Duration.ofMinutes(10));
    sim.client()
        .apps()
        .deployments()
        .inNamespace("istio-system")
        .withName("istiod-1-24-0")
        .scale(0);
    sim.cluster.advance(Duration.ofSeconds(5));
    sim.startExecutor();
    Instant since = sim.cluster.clock().instant();
    RemediationRequest r = sim.request("shop", "app-0", null);

    sim.run(() -> recordOf(r) != null, Duration.ofSeconds(30));

    assertThat(recordOf(r).outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(recordOf(r).reason()).isEqualTo("injector-unhealthy");
    assertThat(recordOf(r).message()).contains("no ready istiod pod of revision 1-24-0");
    assertThat(sim.rolloutsStarted("shop", since)).isEmpty();
    assertThat(sim.sink.findings())
        .anyMatch(f -> f.code().equals("MW0090") && f.message().contains("istiod"));
    assertThat(template(deployment("shop", "app-0")))
        .doesNotContainKey("meshwarden.io/remediation-id");
  }

  @Test
  void restartsOnceWhenTheExecutorDiesMidRolloutAndTheRequestIsRedelivered() {
    sim.shop(1, 4);
    sim.labelNamespace("shop", "istio-injection", "enabled");
    sim.policy("shop", enforce(Map.of()));
    RemediationExecutor first = sim.startExecutor();
    Instant since = sim.cluster.clock().instant();
    RemediationRequest r = sim.request("shop", "app-0", null);
    sim.run(() -> !sim.records(Outcome.STARTED).isEmpty(), Duration.ofSeconds(30));
    sim.cluster.advance(Duration.ofSeconds(1));
    String restartedAt =
        template(deployment("shop", "app-0")).get("kubectl.kubernetes.io/restartedAt");
    first.close();

    sim.startExecutor(sim.config.withActor("executor-b"));
    boolean done = sim.run(() -> recordOf(r) != null, Duration.ofMinutes(2));

    assertThat(done).isTrue();
    assertThat(recordOf(r).outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(recordOf(r).actor()).isEqualTo("executor-b");
    assertThat(sim.rolloutsStarted("shop", since)).hasSize(1);
    assertThat(template(deployment("shop", "app-0")))
        .containsEntry("kubectl.kubernetes.io/restartedAt", restartedAt)
        .containsEntry("meshwarden.io/remediation-id", r.id());
  }

  @Test
  void skipsAndRecordsWhyForAuditModeOptOutClosedWindowAndAnExhaustedBudget() {
    sim.install("1-24-0", "1.24.0");
    String[] tiers = {"audit", "optout-ns", "optout-workload", "night", "pdb"};
    for (String tier : tiers) {
      var ns = io.meshwarden.testkit.kubernetes.Fixtures.namespace(tier).withLabel("tier", tier);
      if (tier.equals("optout-ns")) {
        ns = ns.withAnnotation("meshwarden.io/remediate", "false");
      }
      sim.client().resource(ns.build()).create();
      Deployment d =
          io.meshwarden.testkit.kubernetes.Fixtures.deployment("app-0")
              .inNamespace(tier)
              .withReplicas(2)
              .withAnnotation(
                  "meshwarden.io/remediate", tier.equals("optout-workload") ? "false" : "true")
              .build();
      sim.client().resource(d).create();
    }
    sim.client()
        .resource(
            new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName("app-0")
                .withNamespace("pdb")
                .endMetadata()
                .withNewSpec()
                .withNewMinAvailable(2)
                .withNewSelector()
                .addToMatchLabels("app", "app-0")
                .endSelector()
                .endSpec()
                .build())
        .create();
    sim.cluster.advance(Duration.ofSeconds(10));
    for (String tier : tiers) {
      sim.labelNamespace(tier, "istio-injection", "enabled");
    }
    sim.policy("audit", Map.of("mode", "audit", "namespaceSelector", selector("audit")));
    sim.policy(
        "night",
        Map.of(
            "mode", "enforce",
            "namespaceSelector", selector("night"),
            "remediation",
                Map.of(
                    "windows",
                    List.of(
                        Map.of(
                            "cron", "0 2 * * *", "duration", "2h", "timeZone", "Europe/Berlin")))));
    sim.policy(
        "rest",
        Map.of(
            "mode",
            "enforce",
            "namespaceSelector",
            Map.of(
                "matchExpressions",
                List.of(
                    Map.of(
                        "key",
                        "tier",
                        "operator",
                        "In",
                        "values",
                        List.of("optout-ns", "optout-workload", "pdb"))))));
    sim.startExecutor();
    Instant since = sim.cluster.clock().instant();
    for (String tier : tiers) {
      sim.request(tier, "app-0", null);
    }

    sim.run(() -> sim.terminal() == 5, Duration.ofSeconds(30));

    assertThat(sim.sink.records())
        .extracting(r -> r.target().namespace() + ":" + r.outcome() + ":" + r.reason())
        .containsExactlyInAnyOrder(
            "audit:SKIPPED:audit-mode",
            "optout-ns:SKIPPED:opted-out",
            "optout-workload:SKIPPED:opted-out",
            "night:SKIPPED:window-closed",
            "pdb:SKIPPED:pdb-allows-no-disruption");
    for (String tier : tiers) {
      assertThat(sim.rolloutsStarted(tier, since)).as(tier).isEmpty();
      assertThat(template(deployment(tier, "app-0"))).as(tier).isEmpty();
    }
  }

  @Test
  void opensTheCircuitBreakerAfterKRestartsWhoseDriftStays() {
    sim.shopInjectedFailingOpen(3, 1);
    // Every health check of the injector passes, but its webhook answers nothing: the restarted
    // pods start without a sidecar again (failurePolicy Ignore), so the drift stays.
    sim.cluster.faults().injectorDown(Duration.ofHours(1));
    sim.policy("shop", enforce(Map.of("cooldown", "1m")));
    sim.startExecutor(sim.config.withBreaker(2, Duration.ofHours(1), null));
    Instant since = sim.cluster.clock().instant();
    for (int i = 0; i < 3; i++) {
      sim.request("shop", "app-" + i, null);
    }

    boolean done = sim.run(() -> sim.terminal() == 3, Duration.ofMinutes(5));

    assertThat(done).as("records %s", sim.sink.records()).isTrue();
    assertThat(sim.records(Outcome.FAILED))
        .hasSize(2)
        .allMatch(r -> r.reason().equals("drift-remains"));
    assertThat(sim.records(Outcome.HALTED))
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo("circuit-open"));
    assertThat(sim.rolloutsStarted("shop", since)).hasSize(2);
    assertThat(sim.sink.findings())
        .anyMatch(f -> f.code().equals("MW0092") && f.severity().name().equals("CRITICAL"));
  }

  @Test
  void opensTheCircuitBreakerWhenTheApiRefusesKRestartPatches() {
    sim.shop(3, 1);
    sim.labelNamespace("shop", "istio-injection", "enabled");
    sim.policy("shop", enforce(Map.of("maxConcurrent", 1, "cooldown", "1m")));
    // Every restart patch is refused, as by a Role without patch on deployments (a 403 is not
    // retried by the client, so each refusal is quick).
    sim.cluster
        .faults()
        .apiError(403, java.util.Set.of("patch"), "deployments", Duration.ofHours(1), false);
    sim.startExecutor(sim.config.withBreaker(2, Duration.ofHours(1), null));
    for (int i = 0; i < 3; i++) {
      sim.request("shop", "app-" + i, null);
    }

    boolean done = sim.run(() -> sim.terminal() == 3, Duration.ofMinutes(5));

    assertThat(done).as("records %s", sim.sink.records()).isTrue();
    assertThat(sim.records(Outcome.FAILED))
        .hasSize(2)
        .allMatch(r -> r.reason().equals("patch-failed"));
    assertThat(sim.records(Outcome.HALTED))
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo("circuit-open"));
    assertThat(sim.sink.findings())
        .anyMatch(f -> f.code().equals("MW0092") && f.severity().name().equals("CRITICAL"));
  }

  @Test
  void aThrottledRestartPatchIsTriedAgainAndNeitherFailsNorCountsTowardTheBreaker() {
    sim.shop(1, 1);
    sim.labelNamespace("shop", "istio-injection", "enabled");
    sim.policy("shop", enforce(Map.of()));
    // The API server throttles restart patches for 30 s (well inside the executor's grace).
    sim.cluster
        .faults()
        .apiError(429, java.util.Set.of("patch"), "deployments", Duration.ofSeconds(30), false);
    startExecutorWithoutClientRetries(sim.config.withBreaker(1, Duration.ofHours(1), null));
    RemediationRequest r = sim.request("shop", "app-0", null);

    boolean done = sim.run(() -> recordOf(r) != null, Duration.ofMinutes(5));

    assertThat(done).as("records %s", sim.sink.records()).isTrue();
    assertThat(recordOf(r).outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(sim.records(Outcome.FAILED)).isEmpty();
    assertThat(sim.sink.findings()).noneMatch(f -> f.code().equals("MW0092"));
  }

  @Test
  void aRestartPatchThrottledBeyondTheGraceFailsAndCounts() {
    sim.shop(1, 1);
    sim.labelNamespace("shop", "istio-injection", "enabled");
    sim.policy("shop", enforce(Map.of()));
    sim.cluster
        .faults()
        .apiError(429, java.util.Set.of("patch"), "deployments", Duration.ofHours(1), false);
    startExecutorWithoutClientRetries(sim.config.withBreaker(1, Duration.ofHours(1), null));
    Instant since = sim.cluster.clock().instant();
    RemediationRequest r = sim.request("shop", "app-0", null);

    boolean done = sim.run(() -> recordOf(r) != null, Duration.ofMinutes(10));

    assertThat(done).as("records %s", sim.sink.records()).isTrue();
    assertThat(recordOf(r).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(recordOf(r).reason()).isEqualTo("patch-failed");
    assertThat(Duration.between(since, recordOf(r).finishedAt()))
        .isGreaterThanOrEqualTo(Remediator.TRANSIENT_GRACE);
    assertThat(sim.sink.findings())
        .anyMatch(f -> f.code().equals("MW0092") && f.severity().name().equals("CRITICAL"));
  }

  /**
   * The executor with a client that does not retry 429 and 5xx itself (fabric8 backs off in real
   * time while the simulator's clock stands still), so each pass sees the API's answer at once.
   */
  private void startExecutorWithoutClientRetries(RemediationConfig c) {
    io.fabric8.kubernetes.client.KubernetesClient k =
        new io.fabric8.kubernetes.client.KubernetesClientBuilder()
            .withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(sim.client().getConfiguration())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    sim.startExecutor(c, new KafkaRecordSink(c, sim.cluster.clock()), k);
    closeAfter.add(k);
  }

  private static Map<String, Object> selector(String tier) {
    return Map.of("matchLabels", Map.of("tier", tier));
  }

  private Instant finished(String ns, String name, Instant since) {
    return sim.cluster
        .events()
        .matching(
            e ->
                e.type() == SimEvent.Type.ROLLOUT_FINISHED
                    && e.namespace().equals(ns)
                    && e.name().equals(name)
                    && !e.at().isBefore(since))
        .get(0)
        .at();
  }

  private Deployment deployment(String ns, String name) {
    return sim.client().apps().deployments().inNamespace(ns).withName(name).get();
  }

  private static String proxyImage(Pod p) {
    return java.util.stream.Stream.concat(
            p.getSpec().getContainers().stream(),
            p.getSpec().getInitContainers() == null
                ? java.util.stream.Stream.empty()
                : p.getSpec().getInitContainers().stream())
        .filter(c -> c.getName().equals("istio-proxy"))
        .map(c -> c.getImage())
        .findFirst()
        .orElse("");
  }

  @Test
  void dryRunPrintsWhatItWouldDoAndPatchesNothing() {
    sim.shop(1, 1);
    sim.labelNamespace("shop", "istio-injection", "enabled");
    sim.policy("shop", enforce(Map.of()));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    sim.startExecutor(
        sim.config.withDryRun(true),
        new PrintingRecordSink(
            new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8)));
    Instant since = sim.cluster.clock().instant();
    sim.request("shop", "app-0", null);

    sim.run(() -> sim.terminal() == 1, Duration.ofSeconds(30));

    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("dry-run: SKIPPED Deployment shop/app-0: would restart shop/Deployment/app-0");
    assertThat(sim.rolloutsStarted("shop", since)).isEmpty();
    assertThat(template(deployment("shop", "app-0"))).isEmpty();
  }

  @Test
  void doesNotRestartWhenTheRuleNoLongerHoldsOnLiveState() {
    // The namespace names a revision that is not installed: Istio injects nothing there, so the
    // rule that asked for the sidecar (MW0001) no longer holds, whatever the request says.
    sim.shop(1, 1);
    sim.labelNamespace("shop", "istio.io/rev", "1-99-0");
    sim.policy("shop", enforce(Map.of()));
    sim.startExecutor();
    Instant since = sim.cluster.clock().instant();
    RemediationRequest r = sim.request("shop", "app-0", "1-24-0");

    sim.run(() -> recordOf(r) != null, Duration.ofSeconds(30));

    assertThat(recordOf(r).outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(recordOf(r).reason()).isEqualTo("resolved");
    assertThat(sim.rolloutsStarted("shop", since)).isEmpty();
  }

  @Test
  void withholdsTheRestartWhenTheInjectorWouldDenyTheNewPods() {
    // An Istio annotation the injector's checks reject makes the webhook refuse the pod: a restart
    // would leave the workload with no pods at all.
    sim.install("1-24-0", "1.24.0");
    sim.client()
        .resource(io.meshwarden.testkit.kubernetes.Fixtures.namespace("shop").build())
        .create();
    io.meshwarden.testkit.kubernetes.Fixtures.deployment("app-0")
        .inNamespace("shop")
        .withReplicas(1)
        .withPodAnnotation("traffic.sidecar.istio.io/excludeInboundPorts", "80,not-a-port")
        .create(sim.client());
    sim.cluster.advance(Duration.ofSeconds(10));
    sim.labelNamespace("shop", "istio-injection", "enabled");
    sim.policy("shop", enforce(Map.of()));
    sim.startExecutor();
    Instant since = sim.cluster.clock().instant();
    RemediationRequest r = sim.request("shop", "app-0", null);

    sim.run(() -> recordOf(r) != null, Duration.ofSeconds(30));

    assertThat(recordOf(r).outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(recordOf(r).reason()).isEqualTo("injector-unhealthy");
    assertThat(recordOf(r).message())
        .contains("the injector would deny the new pods")
        .contains("traffic.sidecar.istio.io/excludeInboundPorts");
    assertThat(sim.rolloutsStarted("shop", since)).isEmpty();
  }

  @Test
  void aRequestFromARuleThatAdmitsNoRestartIsSkippedUntouched() {
    sim.shop(1, 1);
    sim.labelNamespace("shop", "istio-injection", "enabled");
    sim.policy("shop", enforce(Map.of()));
    sim.startExecutor();
    Instant since = sim.cluster.clock().instant();
    RemediationRequest r = sim.request("MW0011", "Deployment", "shop", "app-0", null);

    sim.run(() -> recordOf(r) != null, Duration.ofSeconds(30));

    assertThat(recordOf(r).outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(recordOf(r).reason()).isEqualTo("not-remediable");
    assertThat(sim.rolloutsStarted("shop", since)).isEmpty();
  }

  @Test
  void writesPolicyStatusAndPublishesRecordsToTheAuditTopic() {
    sim.shop(1, 1);
    sim.labelNamespace("shop", "istio-injection", "enabled");
    sim.policy("shop", Map.of("mode", "audit"));
    sim.policy(
        "broken",
        enforce(Map.of("windows", List.of(Map.of("cron", "61 * * * *", "duration", "1h")))));
    sim.startExecutor();
    RemediationRequest r = sim.request("shop", "app-0", null);

    sim.run(() -> recordOf(r) != null, Duration.ofSeconds(30));
    sim.executor.step();

    assertThat(status("shop")).contains("\"type\":\"Accepted\"").contains("\"skipped\":1");
    assertThat(status("broken"))
        .contains("\"type\":\"Invalid\"")
        .contains("spec.remediation.windows[0].cron: minute '61': Value 61 not in range [0, 59]");
    assertThat(sim.auditTopic())
        .anySatisfy(
            rec -> {
              assertThat(rec.requestId()).isEqualTo(r.id());
              assertThat(rec.reason()).isEqualTo("audit-mode");
            });
    assertThat(sim.client().events().v1().events().inNamespace("shop").list().getItems())
        .anySatisfy(
            e -> {
              assertThat(e.getReason()).isEqualTo("AuditMode");
              assertThat(e.getReportingController()).isEqualTo("meshwarden.io/reconciler");
              assertThat(e.getRegarding().getName()).isEqualTo("app-0");
            });
  }

  private String status(String policy) {
    return RemediationSim.json(sim.policy(policy).getAdditionalProperties().get("status"));
  }

  @Test
  void restartsStatefulSetsAndDaemonSetsAndNeverABarePod() {
    sim.install("1-24-0", "1.24.0");
    sim.client()
        .resource(io.meshwarden.testkit.kubernetes.Fixtures.namespace("data").build())
        .create();
    var template =
        new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder()
            .withNewMetadata()
            .addToLabels("app", "db")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("db")
            .withImage("db:1")
            .endContainer()
            .endSpec()
            .build();
    sim.client()
        .resource(
            new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace("data")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withServiceName("db")
                .withNewSelector()
                .addToMatchLabels("app", "db")
                .endSelector()
                .withTemplate(template)
                .endSpec()
                .build())
        .create();
    sim.client()
        .resource(
            new io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder()
                .withNewMetadata()
                .withName("agent")
                .withNamespace("data")
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", "agent")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "agent")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("agent")
                .withImage("agent:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    sim.cluster.createPod(
        io.meshwarden.testkit.kubernetes.Fixtures.pod("debug").inNamespace("data").build());
    sim.cluster.advance(Duration.ofSeconds(20));
    assertThat(pods("data")).hasSize(5).noneMatch(RemediationExecutorIT::hasSidecar);
    sim.labelNamespace("data", "istio-injection", "enabled");
    sim.policy("data", enforce(Map.of("maxConcurrent", 2)));
    sim.startExecutor();
    sim.request("StatefulSet", "data", "db", null);
    sim.request("DaemonSet", "data", "agent", null);
    RemediationRequest pod = sim.request("Pod", "data", "debug", null);

    boolean done = sim.run(() -> sim.terminal() == 3, Duration.ofMinutes(5));

    assertThat(done).as("records %s", sim.sink.records()).isTrue();
    assertThat(sim.records(Outcome.SUCCEEDED))
        .extracting(r -> r.target().kind())
        .containsExactlyInAnyOrder("StatefulSet", "DaemonSet");
    assertThat(recordOf(pod).reason()).isEqualTo("manual-action-required");
    assertThat(sim.sink.findings())
        .anyMatch(f -> f.code().equals("MW0093") && f.subject().name().equals("debug"));
    assertThat(pods("data"))
        .filteredOn(p -> !p.getMetadata().getName().equals("debug"))
        .hasSize(4)
        .allMatch(RemediationExecutorIT::hasSidecar);
  }

  @Test
  void theBreakerResumesWhenAPolicyIsAnnotatedAfterItOpened() {
    sim.shopInjectedFailingOpen(2, 1);
    sim.cluster.faults().injectorDown(Duration.ofMinutes(5));
    sim.policy("shop", enforce(Map.of()));
    sim.startExecutor(sim.config.withBreaker(1, Duration.ofHours(1), null));
    RemediationRequest first = sim.request("shop", "app-0", null);
    sim.run(() -> recordOf(first) != null, Duration.ofMinutes(2));
    // The injector answers again: the drift is fixable, only the open breaker stops a restart.
    sim.cluster.advance(Duration.ofMinutes(5));
    RemediationRequest halted = sim.request("shop", "app-1", null);
    sim.run(() -> recordOf(halted) != null, Duration.ofSeconds(30));
    assertThat(recordOf(halted).reason()).isEqualTo("circuit-open");

    sim.client()
        .genericKubernetesResources(PolicyStore.CONTEXT)
        .withName("shop")
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"meshwarden.io/resume-remediation\":\""
                + sim.cluster.clock().instant().plusSeconds(1)
                + "\"}}}");
    sim.cluster.advance(Duration.ofSeconds(2));
    RemediationRequest resumed = sim.request("shop", "app-1", null);
    sim.run(() -> recordOf(resumed) != null, Duration.ofMinutes(2));

    assertThat(recordOf(first).reason()).isEqualTo("drift-remains");
    assertThat(recordOf(resumed).outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(sim.sink.findings())
        .anyMatch(f -> f.code().equals("MW0092") && f.state().name().equals("RESOLVED"));
  }

  @Test
  void anExecutorTakingOverKeepsTheBreakerItsPredecessorOpenedAndGoesOnCounting() {
    sim.shopInjectedFailingOpen(2, 1);
    sim.cluster.faults().injectorDown(Duration.ofMinutes(5));
    sim.policy("shop", enforce(Map.of()));
    RemediationConfig breakAtOnce = sim.config.withBreaker(1, Duration.ofHours(1), null);
    RemediationExecutor first = sim.startExecutor(breakAtOnce);
    RemediationRequest failed = sim.request("shop", "app-0", null);
    sim.run(() -> recordOf(failed) != null, Duration.ofMinutes(2));
    first.step();
    assertThat(recordOf(failed).reason()).isEqualTo("drift-remains");
    assertThat(status("shop"))
        .contains("\"circuitBreaker\":\"Open since ")
        .contains("\"failed\":1");
    first.close();

    // The drift is fixable now, so only a breaker carried over can stop the next restart.
    sim.cluster.advance(Duration.ofMinutes(5));
    sim.startExecutor(breakAtOnce.withActor("executor-b"));
    RemediationRequest next = sim.request("shop", "app-1", null);
    sim.run(() -> recordOf(next) != null, Duration.ofSeconds(30));
    sim.executor.step();

    assertThat(recordOf(next).outcome()).isEqualTo(Outcome.HALTED);
    assertThat(recordOf(next).reason()).isEqualTo("circuit-open");
    assertThat(recordOf(next).actor()).isEqualTo("executor-b");
    assertThat(status("shop"))
        .contains("\"circuitBreaker\":\"Open since ")
        .contains("\"failed\":1")
        .contains("\"halted\":1");
  }

  @Test
  void removesAnUnexpectedSidecarOnceTheNamespaceLeftTheMesh() {
    sim.install("1-24-0", "1.24.0");
    sim.client()
        .resource(
            io.meshwarden.testkit.kubernetes.Fixtures.namespace("shop")
                .withLabel("istio-injection", "enabled")
                .build())
        .create();
    sim.deployments("shop", 1, 2);
    sim.cluster.advance(Duration.ofSeconds(10));
    assertThat(pods("shop")).allMatch(RemediationExecutorIT::hasSidecar);
    sim.labelNamespace("shop", "istio-injection", "disabled");
    sim.policy("shop", enforce(Map.of()));
    sim.startExecutor();
    RemediationRequest r =
        new RemediationRequest(
            null,
            "unexpected-1",
            RemediationSim.CLUSTER,
            new io.meshwarden.common.protocol.ObjectRef("Deployment", "shop", "app-0", null),
            io.meshwarden.common.protocol.RemediationAction.ROLLING_RESTART,
            "MW0002",
            List.of(),
            null,
            sim.cluster.clock().instant(),
            "test");
    sim.send(r);

    sim.run(() -> recordOf(r) != null, Duration.ofMinutes(2));

    assertThat(recordOf(r).outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(pods("shop")).hasSize(2).noneMatch(RemediationExecutorIT::hasSidecar);
  }

  private RemediationRecord recordOf(RemediationRequest r) {
    return sim.sink.records().stream()
        .filter(x -> x.requestId().equals(r.id()) && x.outcome() != Outcome.STARTED)
        .findFirst()
        .orElse(null);
  }

  private List<Pod> pods(String ns) {
    return sim.client().pods().inNamespace(ns).list().getItems();
  }

  static boolean hasSidecar(Pod p) {
    return p.getSpec().getContainers().stream().anyMatch(c -> c.getName().equals("istio-proxy"))
        || (p.getSpec().getInitContainers() != null
            && p.getSpec().getInitContainers().stream()
                .anyMatch(c -> c.getName().equals("istio-proxy")));
  }

  static Map<String, String> template(Deployment d) {
    Map<String, String> a = d.getSpec().getTemplate().getMetadata().getAnnotations();
    return a == null ? Map.of() : a;
  }
}
