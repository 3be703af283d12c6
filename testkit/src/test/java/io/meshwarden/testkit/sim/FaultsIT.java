package io.meshwarden.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.meshwarden.testkit.kubernetes.Fixtures;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsIT {

  private SimulatedCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    cluster = SimulatedCluster.builder().start();
    client = cluster.client();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void injectorDownWithFailurePolicyIgnoreCreatesPodsWithoutSidecar() {
    cluster
        .controlPlane()
        .install(Revision.of("1-24-0", "1.24.0").asDefault().withFailurePolicy("Ignore"));
    Fixtures.namespace("shop").withLabel("istio-injection", "enabled").create(client);
    cluster.faults().injectorDown(Duration.ofSeconds(30));
    Fixtures.deployment("web").inNamespace("shop").withReplicas(3).create(client);
    cluster.settle();
    assertThat(cluster.events().ofType(SimEvent.Type.POD_CREATED_WITHOUT_SIDECAR))
        .filteredOn(e -> e.namespace().equals("shop"))
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.detail()).contains("injector down (failurePolicy Ignore)"));

    cluster.advance(Duration.ofSeconds(31));
    assertThat(cluster.events().ofType(SimEvent.Type.FAULT_ENDED))
        .extracting(SimEvent::name)
        .containsExactly("injector-down");
    Pod late = cluster.createPod(Fixtures.pod("late").inNamespace("shop").build());
    assertThat(late.getMetadata().getAnnotations()).containsKey("sidecar.istio.io/status");
  }

  @Test
  void injectorDownWithFailurePolicyFailRejectsPodsUntilItIsBack() {
    cluster.controlPlane().install(Revision.of("1-24-0", "1.24.0").asDefault());
    Fixtures.namespace("shop").withLabel("istio-injection", "enabled").create(client);
    cluster.faults().injectorDown(Duration.ofSeconds(10));
    Fixtures.deployment("web").inNamespace("shop").withReplicas(2).create(client);
    cluster.settle();
    assertThat(client.pods().inNamespace("shop").list().getItems()).isEmpty();
    assertThat(cluster.events().ofType(SimEvent.Type.POD_REJECTED)).isNotEmpty();

    cluster.advance(Duration.ofSeconds(11));
    assertThat(client.pods().inNamespace("shop").list().getItems())
        .hasSize(2)
        .allSatisfy(
            p ->
                assertThat(p.getMetadata().getAnnotations())
                    .containsKey("sidecar.istio.io/status"));
  }

  @Test
  void slowInjectorDelaysPodsAndPastItsTimeoutFails() {
    cluster
        .controlPlane()
        .install(Revision.of("1-24-0", "1.24.0").asDefault().withFailurePolicy("Ignore"));
    Fixtures.namespace("shop").withLabel("istio-injection", "enabled").create(client);
    cluster.faults().injectorSlow(Duration.ofSeconds(5), Duration.ofSeconds(60));
    assertThat(cluster.createPod(Fixtures.pod("slow").inNamespace("shop").build())).isNull();
    Fixtures.deployment("web").inNamespace("shop").withReplicas(2).create(client);
    cluster.settle();
    assertThat(client.pods().inNamespace("shop").list().getItems()).isEmpty();
    cluster.advance(Duration.ofSeconds(5));
    assertThat(client.pods().inNamespace("shop").list().getItems())
        .hasSize(3)
        .allSatisfy(
            p ->
                assertThat(p.getMetadata().getAnnotations())
                    .containsKey("sidecar.istio.io/status"));

    cluster.faults().injectorSlow(Duration.ofSeconds(15), Duration.ofSeconds(60));
    // The API server waits the webhook's timeout, then admits the pod as it is (Ignore).
    assertThat(cluster.createPod(Fixtures.pod("timed-out").inNamespace("shop").build())).isNull();
    cluster.advance(Duration.ofSeconds(10));
    Pod timedOut = client.pods().inNamespace("shop").withName("timed-out").get();
    assertThat(timedOut.getSpec().getContainers()).extracting("name").containsExactly("app");
    assertThat(cluster.events().ofType(SimEvent.Type.POD_CREATED_WITHOUT_SIDECAR))
        .last()
        .satisfies(e -> assertThat(e.detail()).contains("timed out after PT10S"));
  }

  @Test
  void apiErrorsAnswerChosenVerbsAndResourcesForTheirWindow() {
    Fixtures.namespace("shop").create(client);
    try (KubernetesClient noRetry = cluster.newClient(0)) {
      cluster.faults().apiError(500, Set.of("create"), "pods", Duration.ofSeconds(10), false);
      cluster.faults().apiError(429, Set.of("list"), "services", Duration.ofSeconds(10), false);
      cluster
          .faults()
          .apiError(409, Set.of("update", "patch"), "configmaps", Duration.ofSeconds(10), false);
      assertThatThrownBy(() -> Fixtures.pod("p").inNamespace("shop").create(noRetry))
          .isInstanceOf(KubernetesClientException.class)
          .extracting("code")
          .isEqualTo(500);
      assertThatThrownBy(() -> noRetry.services().inNamespace("shop").list())
          .isInstanceOf(KubernetesClientException.class)
          .extracting("code")
          .isEqualTo(429);
      // Near misses: other verbs and resources answer normally.
      assertThat(noRetry.pods().inNamespace("shop").list().getItems()).isEmpty();
      assertThat(Fixtures.deployment("d").inNamespace("shop").create(noRetry)).isNotNull();
      // The simulator's controllers are spared: the Deployment still gets its pods.
      cluster.settle();
      assertThat(noRetry.pods().inNamespace("shop").list().getItems()).hasSize(1);

      cluster.advance(Duration.ofSeconds(10));
      assertThat(Fixtures.pod("p").inNamespace("shop").create(noRetry)).isNotNull();
    }
  }

  @Test
  void droppedWatchesReconnectAndReplayEveryObject() {
    Fixtures.namespace("shop").create(client);
    Fixtures.pod("a").inNamespace("shop").create(client);
    Fixtures.pod("b").inNamespace("shop").create(client);
    AtomicInteger adds = new AtomicInteger();
    try (KubernetesClient watcher = cluster.newClient(10)) {
      SharedIndexInformer<Pod> informer =
          watcher
              .pods()
              .inNamespace("shop")
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                      adds.incrementAndGet();
                    }

                    @Override
                    public void onUpdate(Pod oldPod, Pod newPod) {}

                    @Override
                    public void onDelete(Pod pod, boolean unknown) {}
                  },
                  0);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> adds.get() == 2 && cluster.watchesOpened() >= 1);
      long opened = cluster.watchesOpened();
      cluster.faults().dropWatches();
      await().atMost(Duration.ofSeconds(20)).until(() -> cluster.watchesOpened() > opened);
      Fixtures.pod("c").inNamespace("shop").create(client);
      await().atMost(Duration.ofSeconds(10)).until(() -> informer.getStore().list().size() == 3);
      assertThat(cluster.events().ofType(SimEvent.Type.FAULT_STARTED))
          .extracting(SimEvent::name)
          .contains("watch-drop");
    }
  }

  @Test
  void crashLoopingProxyKeepsPodsUnreadyAndRestarting() {
    cluster.controlPlane().install(Revision.of("1-24-0", "1.24.0").asDefault());
    Fixtures.namespace("shop").withLabel("istio-injection", "enabled").create(client);
    cluster.proxyFault("shop", "bad", ProxyFault.CRASH_LOOP);
    Fixtures.deployment("bad").inNamespace("shop").withReplicas(2).create(client);
    Fixtures.deployment("stuck")
        .inNamespace("shop")
        .withReplicas(1)
        .withPodAnnotation(ProxyFault.ANNOTATION, "never-ready")
        .create(client);
    Fixtures.deployment("good").inNamespace("shop").withReplicas(1).create(client);
    cluster.advance(Duration.ofSeconds(25));
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace("shop")
                .withName("bad")
                .get()
                .getStatus()
                .getReadyReplicas())
        .isZero();
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace("shop")
                .withName("stuck")
                .get()
                .getStatus()
                .getReadyReplicas())
        .isZero();
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace("shop")
                .withName("good")
                .get()
                .getStatus()
                .getReadyReplicas())
        .isEqualTo(1);
    Pod bad = client.pods().inNamespace("shop").withLabel("app", "bad").list().getItems().get(0);
    assertThat(bad.getStatus().getContainerStatuses())
        .filteredOn(c -> c.getName().equals("istio-proxy"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getRestartCount()).isEqualTo(3);
              assertThat(c.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
            });
    assertThat(cluster.events().ofType(SimEvent.Type.PROXY_CRASHED))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.name()).startsWith("bad-"));
  }
}
