package io.meshwarden.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.meshwarden.testkit.kubernetes.Fixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RolloutIT {

  private SimulatedCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    cluster = SimulatedCluster.builder().start();
    client = cluster.client();
    cluster.controlPlane().install(Revision.of("1-24-0", "1.24.0").asDefault());
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void restartAnnotationReplacesPodsOneByOneWithinMaxUnavailableAndInjectsEach() {
    Fixtures.namespace("shop").withLabel("istio.io/rev", "1-24-0").create(client);
    Deployment web = Fixtures.deployment("web").inNamespace("shop").withReplicas(10).build();
    web.getSpec()
        .setStrategy(
            new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(1))
                .withMaxSurge(new IntOrString(0))
                .endRollingUpdate()
                .build());
    client.resource(web).create();
    assertThat(cluster.runUntil(() -> ready("shop") == 10, Duration.ofMinutes(1))).isTrue();
    List<String> before = names("shop");

    client
        .apps()
        .deployments()
        .inNamespace("shop")
        .withName("web")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\"2025-01-01T00:00:10Z\"}}}}}");
    int minReady = 10;
    for (int second = 0; second < 120 && !rolledOut(before); second++) {
      cluster.advance(Duration.ofSeconds(1));
      minReady = Math.min(minReady, ready("shop"));
      assertThat(client.pods().inNamespace("shop").list().getItems()).hasSizeLessThanOrEqualTo(10);
    }

    assertThat(rolledOut(before)).isTrue();
    assertThat(minReady).isEqualTo(9);
    List<Pod> pods = client.pods().inNamespace("shop").list().getItems();
    assertThat(pods)
        .hasSize(10)
        .allSatisfy(
            p -> {
              assertThat(p.getMetadata().getAnnotations()).containsEntry("istio.io/rev", "1-24-0");
              assertThat(p.getSpec().getContainers())
                  .anySatisfy(
                      c -> assertThat(c.getImage()).isEqualTo("docker.io/istio/proxyv2:1.24.0"));
            });
    Deployment status = client.apps().deployments().inNamespace("shop").withName("web").get();
    assertThat(status.getStatus().getObservedGeneration())
        .isEqualTo(status.getMetadata().getGeneration());
    assertThat(status.getStatus().getUpdatedReplicas()).isEqualTo(10);
    assertThat(status.getStatus().getReadyReplicas()).isEqualTo(10);
    assertThat(cluster.events().ofType(SimEvent.Type.ROLLOUT_FINISHED))
        .filteredOn(e -> e.namespace().equals("shop"))
        .hasSize(2);
    assertThat(cluster.events().ofType(SimEvent.Type.POD_DELETED)).hasSize(10);
  }

  @Test
  void statefulSetPodsComeUpInOrderAndDaemonSetRunsOnePodPerNode() {
    Fixtures.namespace("data").withLabel("istio-injection", "enabled").create(client);
    client
        .resource(
            new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace("data")
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .withNewSelector()
                .addToMatchLabels("app", "db")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "db")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("db")
                .withImage("postgres")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    client
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
                .withImage("agent")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    cluster.settle();
    assertThat(names("data")).filteredOn(n -> n.startsWith("db-")).containsExactly("db-0");

    assertThat(cluster.runUntil(() -> ready("data") == 6, Duration.ofMinutes(1))).isTrue();
    List<String> created =
        cluster.events().ofType(SimEvent.Type.POD_CREATED_WITH_SIDECAR).stream()
            .map(SimEvent::name)
            .filter(n -> n.startsWith("db-"))
            .toList();
    assertThat(created).containsExactly("db-0", "db-1", "db-2");
    assertThat(client.pods().inNamespace("data").withLabel("app", "agent").list().getItems())
        .extracting(p -> p.getSpec().getNodeName())
        .containsExactlyInAnyOrder("sim-node-1", "sim-node-2", "sim-node-3");
    assertThat(
            client
                .apps()
                .statefulSets()
                .inNamespace("data")
                .withName("db")
                .get()
                .getStatus()
                .getReadyReplicas())
        .isEqualTo(3);
    assertThat(
            client
                .apps()
                .daemonSets()
                .inNamespace("data")
                .withName("agent")
                .get()
                .getStatus()
                .getNumberReady())
        .isEqualTo(3);
  }

  @Test
  void jobWithClassicSidecarNeverCompletesButNativeSidecarDoes() {
    Fixtures.namespace("batch").withLabel("istio-injection", "enabled").create(client);
    client.resource(job("classic", "false")).create();
    client.resource(job("native", "true")).create();
    cluster.advance(Duration.ofSeconds(30));
    assertThat(
            client
                .batch()
                .v1()
                .jobs()
                .inNamespace("batch")
                .withName("native")
                .get()
                .getStatus()
                .getSucceeded())
        .isEqualTo(1);
    assertThat(
            client
                .batch()
                .v1()
                .jobs()
                .inNamespace("batch")
                .withName("classic")
                .get()
                .getStatus()
                .getSucceeded())
        .isNull();
  }

  @Test
  void pdbReportsDisruptionsAllowedFromReadyPods() {
    Fixtures.namespace("pdb").create(client);
    Fixtures.deployment("api").inNamespace("pdb").withReplicas(4).create(client);
    client
        .resource(
            new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName("api")
                .withNamespace("pdb")
                .endMetadata()
                .withNewSpec()
                .withMinAvailable(new IntOrString(3))
                .withNewSelector()
                .addToMatchLabels("app", "api")
                .endSelector()
                .endSpec()
                .build())
        .create();
    cluster.settle();
    assertThat(
            client
                .policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace("pdb")
                .withName("api")
                .get()
                .getStatus()
                .getDisruptionsAllowed())
        .isZero();
    cluster.advance(Duration.ofSeconds(3));
    var status =
        client
            .policy()
            .v1()
            .podDisruptionBudget()
            .inNamespace("pdb")
            .withName("api")
            .get()
            .getStatus();
    assertThat(status.getCurrentHealthy()).isEqualTo(4);
    assertThat(status.getDisruptionsAllowed()).isEqualTo(1);
  }

  private static io.fabric8.kubernetes.api.model.batch.v1.Job job(
      String name, String nativeSidecar) {
    return new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("batch")
        .endMetadata()
        .withNewSpec()
        .withNewTemplate()
        .withNewMetadata()
        .addToAnnotations("sidecar.istio.io/nativeSidecar", nativeSidecar)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .addNewContainer()
        .withName("task")
        .withImage("busybox")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private boolean rolledOut(List<String> before) {
    List<String> now = names("shop");
    return ready("shop") == 10 && now.size() == 10 && now.stream().noneMatch(before::contains);
  }

  private int ready(String ns) {
    return (int)
        client.pods().inNamespace(ns).list().getItems().stream().filter(Pods::isReady).count();
  }

  private List<String> names(String ns) {
    return client.pods().inNamespace(ns).list().getItems().stream()
        .map(p -> p.getMetadata().getName())
        .toList();
  }
}
