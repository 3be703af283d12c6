package io.meshwarden.testkit.kubernetes;

import static io.meshwarden.testkit.kubernetes.Fixtures.istio;
import static io.meshwarden.testkit.kubernetes.Fixtures.namespace;
import static io.meshwarden.testkit.kubernetes.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The mock API server with Istio CRDs: core and Istio objects, list, watch and fixtures. */
class KubernetesApiIT {

  @RegisterExtension static final KubernetesApi k8s = KubernetesApi.perClass();

  @Test
  void storesAndListsANamespaceAPodAndAVirtualService(KubernetesClient client) {
    namespace("crud").withLabel("istio-injection", "enabled").create(client);
    pod("web-1").inNamespace("crud").withLabel("app", "web").create(client);
    istio(IstioKind.VIRTUAL_SERVICE, "web")
        .inNamespace("crud")
        .withSpec("hosts", List.of("web"))
        .create(client);

    assertThat(client.namespaces().withName("crud").get().getMetadata().getLabels())
        .containsEntry("istio-injection", "enabled");
    assertThat(client.pods().inNamespace("crud").withLabel("app", "web").list().getItems())
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("web-1");
    List<GenericKubernetesResource> services =
        client
            .genericKubernetesResources(IstioKind.VIRTUAL_SERVICE.context())
            .inNamespace("crud")
            .list()
            .getItems();
    assertThat(services).extracting(s -> s.getMetadata().getName()).containsExactly("web");
    assertThat(services.get(0).<List<String>>get("spec", "hosts")).containsExactly("web");
  }

  @Test
  void watchesSeeObjectsCreatedAfterTheyStart(KubernetesClient client) {
    namespace("watched").create(client);
    List<String> events = new CopyOnWriteArrayList<>();

    Watch pods = client.pods().inNamespace("watched").watch(recordInto(events));
    Watch rules =
        client
            .genericKubernetesResources(IstioKind.DESTINATION_RULE.context())
            .inNamespace("watched")
            .watch(recordInto(events));
    try {
      pod("api-1").inNamespace("watched").create(client);
      istio(IstioKind.DESTINATION_RULE, "api")
          .inNamespace("watched")
          .withSpec("host", "api")
          .create(client);
      client.pods().inNamespace("watched").withName("api-1").delete();

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(events)
                      .contains(
                          "ADDED Pod api-1", "ADDED DestinationRule api", "DELETED Pod api-1"));
    } finally {
      pods.close();
      rules.close();
    }
  }

  @Test
  void loadsAYamlFixtureWithCoreAndIstioKinds(KubernetesClient client) {
    List<HasMetadata> loaded = Fixtures.load(client, "classpath:fixtures/shop.yaml");

    assertThat(loaded)
        .extracting(HasMetadata::getKind)
        .containsExactly(
            "Namespace",
            "Deployment",
            "Service",
            "VirtualService",
            "DestinationRule",
            "PeerAuthentication");
    assertThat(loaded)
        .allSatisfy(o -> assertThat(o.getMetadata().getResourceVersion()).isNotBlank());
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace("shop")
                .withName("web")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(2);
    GenericKubernetesResource rule =
        client
            .genericKubernetesResources(IstioKind.DESTINATION_RULE.context())
            .inNamespace("shop")
            .withName("web")
            .get();
    assertThat(rule.<String>get("spec", "host")).isEqualTo("web");
    assertThat(
            client
                .genericKubernetesResources(IstioKind.PEER_AUTHENTICATION.context())
                .inNamespace("shop")
                .withName("default")
                .get())
        .isNotNull();
  }

  @Test
  void loadingTheSameFixtureTwiceUpdatesInsteadOfFailing(KubernetesClient client) {
    Fixtures.load(client, "classpath:fixtures/shop.yaml");

    List<HasMetadata> again = Fixtures.load(client, "classpath:fixtures/shop.yaml");

    assertThat(again).hasSize(6);
  }

  @Test
  void servesTheOlderIstioVersions(KubernetesClient client) {
    namespace("legacy").create(client);
    GenericKubernetesResource gateway =
        istio(IstioKind.GATEWAY, "ingress").inNamespace("legacy").build();
    gateway.setApiVersion("networking.istio.io/v1alpha3");

    client
        .genericKubernetesResources(IstioKind.GATEWAY.context("v1alpha3"))
        .inNamespace("legacy")
        .resource(gateway)
        .create();

    assertThat(
            client
                .genericKubernetesResources(IstioKind.GATEWAY.context("v1alpha3"))
                .inNamespace("legacy")
                .list()
                .getItems())
        .extracting(g -> g.getMetadata().getName())
        .containsExactly("ingress");
  }

  @Test
  void registersEveryIstioCrd(KubernetesClient client) {
    assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems())
        .extracting(crd -> crd.getMetadata().getName())
        .contains(
            "virtualservices.networking.istio.io",
            "destinationrules.networking.istio.io",
            "gateways.networking.istio.io",
            "serviceentries.networking.istio.io",
            "workloadentries.networking.istio.io",
            "workloadgroups.networking.istio.io",
            "sidecars.networking.istio.io");
  }

  @Test
  void newClientSeesWhatTheSharedClientWrote(KubernetesApi api) {
    namespace("shared").create(api.client());
    pod("one").inNamespace("shared").create(api.client());

    try (KubernetesClient other = api.newClient()) {
      assertThat(other.pods().inNamespace("shared").withName("one").get()).isNotNull();
    }
  }

  @Test
  void standaloneServerAnswersAClientConfiguredOnlyWithItsUrl() {
    try (KubernetesApi standalone = KubernetesApi.start("127.0.0.1", 0);
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(standalone.url()).build())
                .build()) {
      assertThat(standalone.url()).startsWith("http://127.0.0.1:" + standalone.port());
      assertThat(client.getKubernetesVersion().getMajor()).isNotBlank();

      namespace("sandbox").create(client);
      Pod created = pod("demo").inNamespace("sandbox").create(client);

      assertThat(created.getMetadata().getUid()).isNotBlank();
      assertThat(client.pods().inNamespace("sandbox").list().getItems()).hasSize(1);
      assertThat(
              client
                  .genericKubernetesResources(IstioKind.SIDECAR.context())
                  .inNamespace("sandbox")
                  .list()
                  .getItems())
          .isEmpty();
    }
  }

  private static <T extends HasMetadata> Watcher<T> recordInto(List<String> events) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        events.add(action + " " + resource.getKind() + " " + resource.getMetadata().getName());
      }

      @Override
      public void onClose(WatcherException cause) {
        // The test closes the watch; nothing to record.
      }
    };
  }
}
