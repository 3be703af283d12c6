package io.meshwarden.testkit.kubernetes;

import static io.meshwarden.testkit.kubernetes.Fixtures.deployment;
import static io.meshwarden.testkit.kubernetes.Fixtures.istio;
import static io.meshwarden.testkit.kubernetes.Fixtures.namespace;
import static io.meshwarden.testkit.kubernetes.Fixtures.pod;
import static io.meshwarden.testkit.kubernetes.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixturesTest {

  @Test
  void podDefaultsToOneNginxContainerInTheDefaultNamespace() {
    Pod pod = pod("web-1").build();

    assertThat(pod.getMetadata().getName()).isEqualTo("web-1");
    assertThat(pod.getMetadata().getNamespace()).isEqualTo("default");
    assertThat(pod.getSpec().getContainers())
        .extracting(Container::getName, Container::getImage)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("app", "nginx:1.27"));
  }

  @Test
  void podTakesNamespaceLabelsAnnotationsAndContainersFromOverrides() {
    Pod pod =
        pod("web-1")
            .inNamespace("shop")
            .withLabel("app", "web")
            .withAnnotation("sidecar.istio.io/inject", "false")
            .withContainer("app", "nginx:1.27")
            .withContainer("worker", "busybox:1.36")
            .build();

    assertThat(pod.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(pod.getMetadata().getLabels()).containsExactlyEntriesOf(Map.of("app", "web"));
    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry("sidecar.istio.io/inject", "false");
    assertThat(pod.getSpec().getContainers())
        .extracting(Container::getName)
        .containsExactly("app", "worker");
  }

  @Test
  void sameContainerNameReplacesTheEarlierImage() {
    Pod pod =
        pod("p").withContainer("app", "nginx:1.26").withContainer("app", "nginx:1.27").build();

    assertThat(pod.getSpec().getContainers())
        .singleElement()
        .extracting(Container::getImage)
        .isEqualTo("nginx:1.27");
  }

  @Test
  void podOwnedByAReplicaSetNamesItAsControllingOwner() {
    var replicaSet =
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withName("web-7d4")
            .withUid("uid-1")
            .endMetadata()
            .build();

    Pod pod = pod("web-7d4-abc").ownedBy(replicaSet).build();

    assertThat(pod.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            owner -> {
              assertThat(owner.getKind()).isEqualTo("ReplicaSet");
              assertThat(owner.getName()).isEqualTo("web-7d4");
              assertThat(owner.getUid()).isEqualTo("uid-1");
              assertThat(owner.getController()).isTrue();
            });
  }

  @Test
  void everyBuildIsANewObject() {
    PodFixture fixture = pod("web-1").withLabel("app", "web");
    Pod first = fixture.build();

    first.getMetadata().getLabels().put("app", "changed");
    first.getSpec().getContainers().get(0).setImage("changed");

    Pod second = fixture.build();
    assertThat(second.getMetadata().getLabels()).containsEntry("app", "web");
    assertThat(second.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
  }

  @Test
  void namespaceCarriesItsLabelsAndNoNamespace() {
    var shop = namespace("shop").withLabel("istio-injection", "enabled").build();

    assertThat(shop.getMetadata().getName()).isEqualTo("shop");
    assertThat(shop.getMetadata().getNamespace()).isNull();
    assertThat(shop.getMetadata().getLabels()).containsEntry("istio-injection", "enabled");
  }

  @Test
  void deploymentSelectsItsPodsByAppLabelOnly() {
    Deployment web =
        deployment("web")
            .inNamespace("shop")
            .withReplicas(3)
            .withPodLabel("version", "v2")
            .withPodAnnotation("sidecar.istio.io/inject", "true")
            .build();

    assertThat(web.getSpec().getReplicas()).isEqualTo(3);
    assertThat(web.getSpec().getSelector().getMatchLabels())
        .containsExactlyEntriesOf(Map.of("app", "web"));
    assertThat(web.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app", "web")
        .containsEntry("version", "v2");
    assertThat(web.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("sidecar.istio.io/inject", "true");
    assertThat(web.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
  }

  @Test
  void serviceDefaultsToHttpOnPort80SelectingItsApp() {
    Service web = service("web").build();

    assertThat(web.getSpec().getSelector()).containsExactlyEntriesOf(Map.of("app", "web"));
    assertThat(web.getSpec().getPorts())
        .singleElement()
        .satisfies(
            port -> {
              assertThat(port.getName()).isEqualTo("http");
              assertThat(port.getPort()).isEqualTo(80);
            });
  }

  @Test
  void serviceSelectorAndPortsReplaceTheDefaults() {
    Service api = service("api").withSelector("tier", "backend").withPort("grpc", 9090).build();

    assertThat(api.getSpec().getSelector()).containsExactlyEntriesOf(Map.of("tier", "backend"));
    assertThat(api.getSpec().getPorts()).extracting(p -> p.getName()).containsExactly("grpc");
  }

  @Test
  void istioFixtureBuildsAV1GenericResourceWithItsSpec() {
    GenericKubernetesResource vs =
        istio(IstioKind.VIRTUAL_SERVICE, "reviews")
            .inNamespace("shop")
            .withSpec("hosts", List.of("reviews"))
            .build();

    assertThat(vs.getApiVersion()).isEqualTo("networking.istio.io/v1");
    assertThat(vs.getKind()).isEqualTo("VirtualService");
    assertThat(vs.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(vs.<List<String>>get("spec", "hosts")).containsExactly("reviews");
  }

  @Test
  void rejectsAFixtureWithoutAName() {
    assertThatThrownBy(() -> pod(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
