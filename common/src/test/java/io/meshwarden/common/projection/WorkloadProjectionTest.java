package io.meshwarden.common.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.LabelSelector.Requirement;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ProbeFacts;
import io.meshwarden.common.protocol.WorkloadFacts;
import io.meshwarden.common.protocol.WorkloadFacts.RolloutStatus;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadProjectionTest {

  private static WorkloadFacts workload(String file, String kind, String name) {
    return (WorkloadFacts) Fixtures.projectOne(Fixtures.object(file, kind, name));
  }

  static Stream<Arguments> workloads() {
    return Stream.of(
        Arguments.of(
            "deployment.yaml",
            "Deployment",
            "web",
            3,
            null,
            14L,
            new RolloutStatus(14L, 3, 2, 3, 2)),
        Arguments.of(
            "statefulset.yaml",
            "StatefulSet",
            "ledger",
            3,
            null,
            4L,
            new RolloutStatus(4L, 3, 2, 3, 2)),
        Arguments.of(
            "list.yaml",
            "ReplicaSet",
            "web-7d4b9c5f8",
            3,
            "Deployment",
            2L,
            new RolloutStatus(2L, 3, 3, null, 3)),
        Arguments.of(
            "list.yaml",
            "DaemonSet",
            "log-shipper",
            null,
            null,
            1L,
            new RolloutStatus(1L, 4, 3, 4, 3)),
        Arguments.of(
            "list.yaml",
            "Job",
            "db-migrate-28841520",
            null,
            "CronJob",
            1L,
            new RolloutStatus(null, 1, 0, null, null)));
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("workloads")
  void projectsReplicasOwnerGenerationAndRolloutStatus(
      String file,
      String kind,
      String name,
      Integer replicas,
      String ownerKind,
      Long generation,
      RolloutStatus status) {
    WorkloadFacts w = workload(file, kind, name);

    assertThat(w.kind()).isEqualTo(FactKind.valueOf(kind));
    assertThat(w.key()).endsWith("/" + kind + "/" + name);
    assertThat(w.replicas()).isEqualTo(replicas);
    assertThat(w.owner() == null ? null : w.owner().kind()).isEqualTo(ownerKind);
    assertThat(w.generation()).isEqualTo(generation);
    assertThat(w.status()).isEqualTo(status);
  }

  @Test
  void projectsADeploymentsSelectorAndTemplateWithEveryLabelAndFilteredAnnotations() {
    WorkloadFacts web = workload("deployment.yaml", "Deployment", "web");

    assertThat(web.selector()).isEqualTo(new LabelSelector(Map.of("app", "web"), List.of()));
    assertThat(web.template().labels())
        .isEqualTo(Map.of("app", "web", "sidecar.istio.io/inject", "true", "version", "2.1"));
    assertThat(web.template().annotations())
        .containsOnlyKeys("kubectl.kubernetes.io/restartedAt", "proxy.istio.io/config");
    assertThat(web.meta().labels()).containsOnlyKeys("app", "app.kubernetes.io/managed-by");
    assertThat(web.meta().annotations()).isEmpty();
  }

  @Test
  void projectsTheTemplatesContainersAndProbes() {
    WorkloadFacts web = workload("deployment.yaml", "Deployment", "web");

    ContainerFacts container = web.template().spec().containers().get(0);
    assertThat(container.name()).isEqualTo("web");
    assertThat(container.readinessProbe())
        .isEqualTo(new ProbeFacts("httpGet", "http", "/ready", null, "HTTP"));
    assertThat(container.livenessProbe())
        .isEqualTo(new ProbeFacts("httpGet", "8080", "/healthz", "127.0.0.1", "HTTPS"));
    assertThat(web.template().spec().runAsUser()).isEqualTo(1000L);
    assertThat(web.template().spec().serviceAccountName()).isEqualTo("web");
  }

  @Test
  void neverPublishesTheTemplatesEnvironmentOrTheLastAppliedConfiguration() {
    String json = Fixtures.encoded(workload("deployment.yaml", "Deployment", "web"));

    assertThat(json)
        .doesNotContain("s3cr3t-hunter2")
        .doesNotContain("last-applied")
        .doesNotContain("checksum/config");
  }

  @Test
  void projectsMatchExpressionsOfAStatefulSetSelector() {
    WorkloadFacts ledger = workload("statefulset.yaml", "StatefulSet", "ledger");

    assertThat(ledger.selector())
        .isEqualTo(
            new LabelSelector(
                Map.of("app", "ledger"), List.of(new Requirement("app", "In", List.of("ledger")))));
    assertThat(ledger.template().labels()).containsEntry("istio.io/rev", "canary");
  }

  @Test
  void projectsADaemonSetOnTheHostNetwork() {
    WorkloadFacts ds = workload("list.yaml", "DaemonSet", "log-shipper");

    assertThat(ds.template().spec().hostNetwork()).isTrue();
    assertThat(ds.template().annotations()).containsEntry("sidecar.istio.io/inject", "false");
  }

  @Test
  void defaultsMissingReplicasToOneAsTheApiServerDoes() {
    JsonNode deployment =
        Fixtures.yaml(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  containers: [{name: api, image: "ghcr.io/acme/api:1"}]
            """);

    WorkloadFacts api = (WorkloadFacts) Fixtures.projectOne(deployment);

    assertThat(api.replicas()).isEqualTo(1);
    assertThat(api.status()).isNull();
    assertThat(api.generation()).isNull();
  }
}
