package io.meshwarden.core.model;

import static io.meshwarden.core.fixtures.Fixtures.pod;
import static io.meshwarden.core.fixtures.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.ObjectFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pods are judged as part of the workload that findings name. */
class WorkloadGroupingTest {

  @Test
  void groupsReplicaSetPodsUnderTheirDeploymentWhenTheReplicaSetIsAbsent() {
    NamespaceView ns =
        NamespaceView.of(
            "shop",
            List.<ObjectFacts>of(
                pod("web-7d4b9c-a").ofDeployment("web", "7d4b9c").build(),
                pod("web-7d4b9c-b").ofDeployment("web", "7d4b9c").build(),
                pod("web-5f6a1-c").ofDeployment("web", "5f6a1").build()));

    assertThat(ns.workloads())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.ref().kind()).isEqualTo("Deployment");
              assertThat(w.ref().name()).isEqualTo("web");
              assertThat(w.pods()).hasSize(3);
            });
  }

  @Test
  void keepsAReplicaSetWhoseNameDoesNotEndWithTheHash() {
    NamespaceView ns =
        NamespaceView.of(
            "shop",
            List.<ObjectFacts>of(
                pod("x-a")
                    .ownedBy("ReplicaSet", "standalone")
                    .label("pod-template-hash", "abc")
                    .build()));

    assertThat(ns.workloads())
        .singleElement()
        .satisfies(w -> assertThat(w.ref().kind()).isEqualTo("ReplicaSet"));
  }

  @Test
  void followsAPresentReplicaSetToItsOwner() {
    NamespaceView ns =
        NamespaceView.of(
            "shop",
            List.<ObjectFacts>of(
                workload(FactKind.ReplicaSet, "api-xyz").ownedBy("Deployment", "api-v2").build(),
                pod("api-xyz-1").ownedBy("ReplicaSet", "api-xyz").build()));

    assertThat(ns.workloads())
        .singleElement()
        .satisfies(w -> assertThat(w.ref().name()).isEqualTo("api-v2"));
  }

  @Test
  void reportsBarePodsAsThemselvesAndSkipsFinishedPods() {
    NamespaceView ns =
        NamespaceView.of(
            "shop",
            List.<ObjectFacts>of(
                pod("debug").build(),
                pod("job-1-a").ownedBy("Job", "job-1").phase("Succeeded").build(),
                workload(FactKind.StatefulSet, "db").build()));

    assertThat(ns.workloads())
        .extracting(w -> w.ref().kind() + "/" + w.ref().name() + "/" + w.pods().size())
        .containsExactlyInAnyOrder("StatefulSet/db/0", "Pod/debug/1");
  }
}
