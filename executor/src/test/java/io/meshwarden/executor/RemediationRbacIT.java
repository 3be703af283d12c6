package io.meshwarden.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwarden.common.protocol.RemediationRecord.Outcome;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kubernetes.ApiCall;
import io.meshwarden.testkit.kubernetes.Fixtures;
import io.meshwarden.testkit.kubernetes.KubernetesApi;
import io.meshwarden.testkit.kubernetes.Rbac;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The executor's RBAC (deploy/base 042–046, its service account meshwarden-executor) covers exactly
 * the API calls the remediation executor makes: the executor restarts a Deployment, a StatefulSet
 * and a DaemonSet on a simulated cluster through a client of its own, every request that client
 * sends is recorded at the API server, and each must be allowed by the service account's roles, in
 * its namespace; each verb the roles grant must have been used.
 */
class RemediationRbacIT {

  @RegisterExtension static final KafkaCluster KAFKA = KafkaCluster.perClass();

  private static final Path BASE = Path.of("..", "deploy", "base");
  private static final String ACTOR = "remediation-executor";
  private static final String ACCOUNT = "meshwarden-executor";

  /**
   * Grants no recorded call needs to exercise, each with its reason. Empty: every grant is used on
   * the executor's normal path.
   */
  private static final Set<String> UNEXERCISED_ALLOWED = Set.of();

  private RemediationSim sim;
  private KubernetesClient executorClient;

  @BeforeEach
  void setUp() {
    sim = new RemediationSim(KAFKA);
    executorClient = sim.cluster.newClient(ACTOR);
  }

  @AfterEach
  void tearDown() {
    sim.close();
    executorClient.close();
  }

  @Test
  void theExecutorsCallsAreAllowedAndUseEveryGrantOfItsServiceAccount() {
    List<ApiCall> calls = callsOfARestartOfEachWorkloadKind();
    Rbac rbac = Rbac.forServiceAccount(BASE, "meshwarden", ACCOUNT);

    assertThat(calls).as("recorded calls").isNotEmpty();
    assertThat(calls)
        .as("calls the executor made that its roles do not allow (roles: %s)", rbac.grants())
        .filteredOn(c -> !rbac.allows(c))
        .isEmpty();
    assertThat(rbac.grants())
        .as("grants no recorded call used (calls: %s)", calls)
        .filteredOn(g -> calls.stream().noneMatch(g::allows))
        .extracting(RemediationRbacIT::key)
        .filteredOn(k -> !UNEXERCISED_ALLOWED.contains(k))
        .isEmpty();
  }

  @Test
  void theRoleInTheControlPlaneNamespaceAllowsNothingElsewhere() {
    Rbac rbac = Rbac.forServiceAccount(BASE, "meshwarden", ACCOUNT);

    assertThat(rbac.allows(ApiCall.parse("GET", "/api/v1/namespaces/istio-system/configmaps")))
        .isTrue();
    assertThat(rbac.allows(ApiCall.parse("GET", "/api/v1/namespaces/shop/configmaps"))).isFalse();
    assertThat(rbac.allows(ApiCall.parse("GET", "/api/v1/namespaces/shop/secrets"))).isFalse();
    assertThat(rbac.allows(ApiCall.parse("DELETE", "/api/v1/namespaces/shop/pods/web-1")))
        .isFalse();
  }

  /** Restarts Deployment app-0, StatefulSet db and DaemonSet agent under an enforcing policy. */
  private List<ApiCall> callsOfARestartOfEachWorkloadKind() {
    sim.install("1-24-0", "1.24.0");
    sim.client().resource(Fixtures.namespace("shop").build()).create();
    sim.deployment("shop", "app-0", 2);
    sim.client()
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withServiceName("db")
                .withNewSelector()
                .addToMatchLabels("app", "db")
                .endSelector()
                .withTemplate(template("db"))
                .endSpec()
                .build())
        .create();
    sim.client()
        .resource(
            new DaemonSetBuilder()
                .withNewMetadata()
                .withName("agent")
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", "agent")
                .endSelector()
                .withTemplate(template("agent"))
                .endSpec()
                .build())
        .create();
    sim.cluster.advance(Duration.ofSeconds(20));
    sim.labelNamespace("shop", "istio-injection", "enabled");
    sim.policy("shop", Map.of("mode", "enforce", "remediation", Map.of("maxConcurrent", 3)));
    sim.startExecutor(
        sim.config, new KafkaRecordSink(sim.config, sim.cluster.clock()), executorClient);
    sim.request("Deployment", "shop", "app-0", null);
    sim.request("StatefulSet", "shop", "db", null);
    sim.request("DaemonSet", "shop", "agent", null);

    boolean done = sim.run(() -> sim.terminal() == 3, Duration.ofMinutes(5));
    sim.executor.step(); // writes the policy's status with the final counts

    assertThat(done).as("records %s", sim.sink.records()).isTrue();
    assertThat(sim.records(Outcome.SUCCEEDED))
        .extracting(r -> r.target().kind())
        .containsExactlyInAnyOrder("Deployment", "StatefulSet", "DaemonSet");
    return sim.cluster.takeRequests().stream()
        .filter(r -> ACTOR.equals(r.getHeader(KubernetesApi.ACTOR_HEADER)))
        .map(ApiCall::of)
        .distinct()
        .toList();
  }

  private static PodTemplateSpec template(String app) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .addToLabels("app", app)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(app)
        .withImage(app + ":1")
        .endContainer()
        .endSpec()
        .build();
  }

  private static String key(Rbac.Grant g) {
    return g.verb() + " " + (g.group().isEmpty() ? "core" : g.group()) + "/" + g.resource();
  }
}
