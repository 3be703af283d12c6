package io.meshwarden.reconciler.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.meshwarden.common.protocol.RemediationRecord;
import io.meshwarden.common.protocol.RemediationRecord.Outcome;
import io.meshwarden.common.protocol.RemediationRequest;
import io.meshwarden.testkit.kafka.KafkaCluster;
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

  @BeforeEach
  void setUp() {
    sim = new RemediationSim(KAFKA);
  }

  @AfterEach
  void tearDown() {
    sim.close();
  }

  private static Map<String, Object> enforce(Map<String, Object> remediation) {
    return Map.of("mode", "enforce", "remediation", remediation);
  }

  @Test
  void restartsEveryWorkloadOfANamespaceLabelledAfterItsWorkloadsRanWithinMaxConcurrent() {
    sim.install("1-24-0", "1.24.0");
    sim.client()
        .resource(io.meshwarden.testkit.kubernetes.Fixtures.namespace("shop").build())
        .create();
    sim.deployments("shop", 5, 2);
    sim.cluster.advance(Duration.ofSeconds(10));
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
