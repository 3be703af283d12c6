package io.meshwarden.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioFilesIT {

  static Stream<Path> scenarios() throws IOException {
    return Files.list(Path.of("scenarios")).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyScenarioFileRunsAndItsExpectationsHold(Path file) {
    try (SimulatedCluster cluster = SimulatedCluster.builder().start()) {
      Scenario.fromYaml(file).run(cluster);
      assertThat(cluster.events().all()).isNotEmpty();
    }
  }

  @Test
  void thereAreTheSixScenariosTheIssueAsksFor() throws IOException {
    assertThat(scenarios().map(p -> p.getFileName().toString()))
        .contains(
            "namespace-labelled-after-pods-ran.yaml",
            "injector-down-during-deploy.yaml",
            "control-plane-upgraded-in-place.yaml",
            "canary-revision-and-tag-moved.yaml",
            "pod-opted-out.yaml",
            "proxy-crash-loop.yaml");
  }

  @Test
  void crashLoopScenarioLeavesTheDeploymentUnavailable() {
    try (SimulatedCluster cluster = SimulatedCluster.builder().start()) {
      Scenario.fromYaml(Path.of("scenarios/proxy-crash-loop.yaml")).run(cluster);
      Deployment web =
          cluster.client().apps().deployments().inNamespace("shop").withName("web").get();
      assertThat(web.getStatus().getReadyReplicas()).isZero();
      assertThat(cluster.events().ofType(SimEvent.Type.PROXY_CRASHED)).isNotEmpty();
    }
  }

  @Test
  void aFailedExpectationSaysWhatItFound() {
    try (SimulatedCluster cluster = SimulatedCluster.builder().start()) {
      Scenario wrong =
          Scenario.named("wrong")
              .namespace("shop", Map.of())
              .deployment("shop", "web", 1, Map.of(), Map.of())
              .advance(java.time.Duration.ofSeconds(1))
              .expect("shop", 1, 0, null);
      assertThatThrownBy(() -> wrong.run(cluster))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("found [] and 1 without");
    }
  }
}
