package io.meshwarden.common.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.common.protocol.OwnerRef;
import io.meshwarden.common.protocol.PodFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.PodSpecFacts.PortFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ProbeFacts;
import io.meshwarden.common.protocol.PodStatusFacts.ContainerStatusFacts;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PodProjectionTest {

  private static PodFacts injected() {
    return (PodFacts) Fixtures.projectOne(Fixtures.only("pod-injected.yaml"));
  }

  private static PodFacts nativeSidecar() {
    return (PodFacts) Fixtures.projectOne(Fixtures.only("pod-native-sidecar.yaml"));
  }

  private static ContainerFacts container(PodFacts pod, String name) {
    return pod.spec().containers().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void projectsAnInjectedPodsIdentityAndOwner() {
    PodFacts pod = injected();

    assertThat(pod.key()).isEqualTo("shop/Pod/web-7d4b9c5f8-x2kqp");
    assertThat(pod.meta().cluster()).isEqualTo("prod-eu");
    assertThat(pod.meta().uid()).isEqualTo("0c8e4d2a-91b3-4f6e-8c7d-2e5a9b1f3c44");
    assertThat(pod.meta().resourceVersion()).isEqualTo("48213377");
    assertThat(pod.meta().observedAt()).isEqualTo(Fixtures.NOW);
    assertThat(pod.meta().creationTimestamp()).isEqualTo(Instant.parse("2026-11-20T09:14:03Z"));
    assertThat(pod.owner())
        .isEqualTo(
            new OwnerRef("ReplicaSet", "web-7d4b9c5f8", "5b7e1c0a-3f52-4d7e-9a41-1c2f6b8e9d10"));
  }

  @Test
  void keepsOnlyTheLabelsAndAnnotationsTheMeshReads() {
    PodFacts pod = injected();

    assertThat(pod.meta().labels())
        .containsOnlyKeys(
            "app",
            "pod-template-hash",
            "security.istio.io/tlsMode",
            "service.istio.io/canonical-name",
            "service.istio.io/canonical-revision",
            "team",
            "version")
        .containsEntry("version", "2.1");
    assertThat(pod.meta().annotations())
        .containsOnlyKeys("istio.io/rev", "sidecar.istio.io/status")
        .containsEntry("istio.io/rev", "1-24-0");
  }

  @Test
  void projectsContainersWithImagesPortsAndRewrittenProbes() {
    PodFacts pod = injected();

    assertThat(pod.spec().initContainers())
        .extracting(ContainerFacts::name, ContainerFacts::image, ContainerFacts::runAsUser)
        .containsExactly(tuple("istio-init", "docker.io/istio/proxyv2:1.24.0", 0L));
    assertThat(pod.spec().containers())
        .extracting(ContainerFacts::name)
        .containsExactly("web", "istio-proxy");
    ContainerFacts web = container(pod, "web");
    assertThat(web.image()).isEqualTo("ghcr.io/acme/web:2.1");
    assertThat(web.runAsUser()).isEqualTo(1000L);
    assertThat(web.ports())
        .containsExactly(
            new PortFacts("http", 8080, "TCP"), new PortFacts("grpc-admin", 9090, "TCP"));
    assertThat(web.readinessProbe())
        .isEqualTo(new ProbeFacts("httpGet", "15020", "/app-health/web/readyz", null, "HTTP"));
    assertThat(web.livenessProbe())
        .isEqualTo(new ProbeFacts("httpGet", "15020", "/app-health/web/livez", null, "HTTP"));
    assertThat(web.startupProbe()).isNull();
    assertThat(web.appProbers()).isEmpty();
    assertThat(container(pod, "istio-proxy").runAsUser()).isEqualTo(1337L);
  }

  @Test
  void keepsTheProbePathsTheProxyServesButNotTheOriginalProbes() {
    ContainerFacts proxy = container(injected(), "istio-proxy");

    assertThat(proxy.appProbers())
        .containsExactly("/app-health/web/livez", "/app-health/web/readyz");
  }

  @Test
  void projectsPodLevelSecurityNodeAndContainerStates() {
    PodFacts pod = injected();

    assertThat(pod.spec().runAsUser()).isEqualTo(1000L);
    assertThat(pod.spec().runAsGroup()).isEqualTo(3000L);
    assertThat(pod.spec().hostNetwork()).isFalse();
    assertThat(pod.spec().serviceAccountName()).isEqualTo("web");
    assertThat(pod.status().phase()).isEqualTo("Running");
    assertThat(pod.status().nodeName()).isEqualTo("node-a");
    assertThat(pod.status().containerStatuses())
        .containsExactly(
            new ContainerStatusFacts(
                "istio-proxy", "docker.io/istio/proxyv2:1.24.0", true, true, 0, null, null),
            new ContainerStatusFacts(
                "web", "ghcr.io/acme/web:2.1", true, true, 2, null, "OOMKilled"));
    assertThat(pod.status().initContainerStatuses())
        .containsExactly(
            new ContainerStatusFacts(
                "istio-init", "docker.io/istio/proxyv2:1.24.0", true, false, 0, null, null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "s3cr3t-hunter2", // an env value of the app
        "probe-token-7f3a9c", // a header inside ISTIO_KUBE_APP_PROBERS
        "Authorization",
        "hvs.CAESIKf0rB1dd3nS3cr3tAnn0tat10n", // an annotation the mesh does not read
        "web-db", // a secretKeyRef
        "SPRING_PROFILES_ACTIVE",
        "istio-iptables", // a command line
        "kube-api-access", // a volume
        "f:generateName", // managed fields
        "10.244.3.41" // the pod IP
      })
  void neverPublishesSecretsEnvironmentCommandsOrManagedFields(String leak) {
    assertThat(Fixtures.encoded(injected())).doesNotContain(leak);
  }

  @Test
  void projectsANativeSidecarAsAnInitContainerThatAlwaysRestarts() {
    PodFacts pod = nativeSidecar();

    assertThat(pod.spec().initContainers())
        .extracting(ContainerFacts::name, ContainerFacts::restartPolicy)
        .containsExactly(tuple("istio-validation", null), tuple("istio-proxy", "Always"));
    assertThat(pod.spec().containers()).extracting(ContainerFacts::name).containsExactly("ledger");
    assertThat(pod.owner().kind()).isEqualTo("StatefulSet");
    assertThat(pod.status().initContainerStatuses())
        .extracting(ContainerStatusFacts::name, ContainerStatusFacts::started)
        .containsExactly(tuple("istio-validation", null), tuple("istio-proxy", true));
  }

  @Test
  void projectsEveryProbeHandlerTypeWithoutItsCommand() {
    PodFacts pod = nativeSidecar();
    ContainerFacts ledger = container(pod, "ledger");

    assertThat(ledger.livenessProbe())
        .isEqualTo(new ProbeFacts("tcpSocket", "grpc", null, null, null));
    assertThat(ledger.readinessProbe())
        .isEqualTo(new ProbeFacts("grpc", "50051", null, null, null));
    assertThat(ledger.startupProbe()).isEqualTo(new ProbeFacts("exec", null, null, null, null));
    assertThat(Fixtures.encoded(pod))
        .doesNotContain("grpc_health_probe")
        .doesNotContain("client.key");
  }

  @Test
  void projectsLifecycleHooksLikeProbesWithoutTheirCommand() {
    ContainerFacts ledger = container(nativeSidecar(), "ledger");

    assertThat(ledger.preStop())
        .isEqualTo(
            new ProbeFacts("httpGet", "15020", "/app-lifecycle/ledger/prestopz", null, "HTTP"));
    assertThat(ledger.postStart()).isEqualTo(new ProbeFacts("exec", null, null, null, null));
    assertThat(Fixtures.encoded(nativeSidecar())).doesNotContain("warm.token");
  }

  @Test
  void projectsNoHooksForAContainerWithoutLifecycle() {
    ContainerFacts web = container(injected(), "web");

    assertThat(web.preStop()).isNull();
    assertThat(web.postStart()).isNull();
  }

  @Test
  void rejectsALifecycleHookThatIsNotAnObject() {
    ObjectNode pod = (ObjectNode) Fixtures.only("pod-native-sidecar.yaml");
    ((ObjectNode) pod.at("/spec/containers/0/lifecycle")).put("preStop", "curl localhost");

    Projection p = Fixtures.projector().project(pod);

    assertThat(p).isInstanceOf(Projection.Invalid.class);
    assertThat(((Projection.Invalid) p).field()).endsWith("containers[0].lifecycle.preStop");
  }

  @Test
  void reportsWaitingAndLastTerminationReasons() {
    ContainerStatusFacts ledger = nativeSidecar().status().containerStatuses().get(0);

    assertThat(ledger)
        .isEqualTo(
            new ContainerStatusFacts(
                "ledger",
                "registry.internal/payments/ledger:5.4.2",
                false,
                false,
                7,
                "CrashLoopBackOff",
                "Error"));
  }

  @Test
  void keepsNoAppProbersWhenTheProxyHasNoProberVariable() {
    PodFacts pod = nativeSidecar();

    assertThat(pod.spec().initContainers().get(1).appProbers()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"not json", "[\"/app-health/web/readyz\"]", "{\"/app-health/web/readyz\":", ""})
  void projectsThePodWithoutAppProbersWhenTheVariableIsNotAJsonObject(String value) {
    ObjectNode pod = (ObjectNode) Fixtures.only("pod-injected.yaml");
    ObjectNode var = (ObjectNode) pod.at("/spec/containers/1/env/4");
    assertThat(var.path("name").asText()).isEqualTo("ISTIO_KUBE_APP_PROBERS");
    var.put("value", value);

    PodFacts facts = (PodFacts) Fixtures.projectOne(pod);

    assertThat(container(facts, "istio-proxy").appProbers()).isEmpty();
  }

  @Test
  void readsAppProbersOnlyFromTheIstioProxyContainer() {
    ObjectNode pod = (ObjectNode) Fixtures.only("pod-injected.yaml");
    ((ObjectNode) pod.at("/spec/containers/1")).put("name", "envoy");

    PodFacts facts = (PodFacts) Fixtures.projectOne(pod);

    assertThat(container(facts, "envoy").appProbers()).isEmpty();
  }
}
