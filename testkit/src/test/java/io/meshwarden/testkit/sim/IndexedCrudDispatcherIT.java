package io.meshwarden.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.meshwarden.testkit.kubernetes.Fixtures;
import io.meshwarden.testkit.kubernetes.IstioKind;
import io.meshwarden.testkit.kubernetes.KubernetesApi;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The indexed dispatcher answers exactly like fabric8's stock one: the same script of creates,
 * conflicts, updates, patches, deletes and finalizers on both gives the same outcomes and the same
 * stored objects, and the index never has to be rebuilt from the store.
 */
class IndexedCrudDispatcherIT {

  @Test
  void behavesLikeTheStockDispatcher() {
    List<String> stock;
    try (KubernetesApi api =
        KubernetesApi.start("127.0.0.1", 0, (r, crds) -> new KubernetesCrudDispatcher(crds))) {
      stock = script(api.client());
    }
    AtomicReference<IndexedCrudDispatcher> indexed = new AtomicReference<>();
    List<String> withIndex;
    try (KubernetesApi api =
        KubernetesApi.start(
            "127.0.0.1",
            0,
            (r, crds) -> {
              indexed.set(new IndexedCrudDispatcher(crds));
              return indexed.get();
            })) {
      withIndex = script(api.client());
    }

    assertThat(withIndex).containsExactlyElementsOf(stock);
    assertThat(stock)
        .contains(
            "create a/web again: 409",
            "stale update a/web: 409",
            "patch missing pod: 404",
            "create node again: 409",
            "create vs again: 409");
    assertThat(indexed.get().rebuilds()).isZero();
  }

  /** Runs the operations; returns each outcome, then every stored object, as text. */
  private static List<String> script(KubernetesClient client) {
    List<String> out = new ArrayList<>();
    Fixtures.namespace("a").create(client);
    Fixtures.namespace("b").create(client);
    out.add(run("create a/web", () -> Fixtures.pod("web").inNamespace("a").create(client)));
    out.add(run("create b/web", () -> Fixtures.pod("web").inNamespace("b").create(client)));
    out.add(run("create a/web again", () -> Fixtures.pod("web").inNamespace("a").create(client)));
    Pod first = client.pods().inNamespace("a").withName("web").get();
    out.add(
        run(
            "status a/web",
            () ->
                client
                    .resource(
                        new PodBuilder(first)
                            .withNewStatus()
                            .withPhase("Running")
                            .endStatus()
                            .build())
                    .updateStatus()));
    out.add(
        run(
            "stale update a/web",
            () ->
                client
                    .resource(
                        new PodBuilder(first)
                            .editMetadata()
                            .addToLabels("stale", "yes")
                            .endMetadata()
                            .build())
                    .update()));
    out.add(
        run(
            "label b/web",
            () ->
                client
                    .pods()
                    .inNamespace("b")
                    .withName("web")
                    .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}")));
    out.add(
        run(
            "patch missing pod",
            () ->
                client
                    .pods()
                    .inNamespace("b")
                    .withName("nope")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{}}")));
    for (String ns : List.of("a", "b")) {
      out.add(
          run(
              "deploy " + ns + "/app",
              () -> Fixtures.deployment("app").inNamespace(ns).withReplicas(2).create(client)));
    }
    out.add(
        run(
            "scale b/app",
            () ->
                client
                    .apps()
                    .deployments()
                    .inNamespace("b")
                    .withName("app")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":5}}")));
    out.add(
        run(
            "delete a/web",
            () -> {
              client.pods().inNamespace("a").withName("web").delete();
              return client.pods().inNamespace("a").withName("web").get();
            }));
    out.add(run("recreate a/web", () -> Fixtures.pod("web").inNamespace("a").create(client)));
    out.add(
        run(
            "create node",
            () ->
                client
                    .resource(
                        new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build())
                    .create()));
    out.add(
        run(
            "create node again",
            () ->
                client
                    .resource(
                        new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build())
                    .create()));
    out.add(
        run(
            "label node",
            () ->
                client
                    .nodes()
                    .withName("n1")
                    .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"labels\":{\"zone\":\"z1\"}}}")));
    out.add(
        run(
            "create vs",
            () ->
                Fixtures.istio(IstioKind.VIRTUAL_SERVICE, "web")
                    .inNamespace("a")
                    .withSpec("hosts", List.of("web"))
                    .create(client)));
    out.add(
        run(
            "create vs again",
            () ->
                Fixtures.istio(IstioKind.VIRTUAL_SERVICE, "web")
                    .inNamespace("a")
                    .withSpec("hosts", List.of("web"))
                    .create(client)));
    out.add(
        run(
            "create guarded",
            () ->
                client
                    .resource(
                        new PodBuilder()
                            .withNewMetadata()
                            .withName("guarded")
                            .withNamespace("b")
                            .addToFinalizers("example.com/hold")
                            .endMetadata()
                            .build())
                    .create()));
    out.add(
        run(
            "delete guarded",
            () -> {
              client.pods().inNamespace("b").withName("guarded").delete();
              return client.pods().inNamespace("b").withName("guarded").get();
            }));
    out.add(
        run(
            "release guarded",
            () -> {
              client
                  .pods()
                  .inNamespace("b")
                  .withName("guarded")
                  .edit(
                      p -> new PodBuilder(p).editMetadata().withFinalizers().endMetadata().build());
              return client.pods().inNamespace("b").withName("guarded").get();
            }));
    Stream.<HasMetadata>concat(
            Stream.concat(
                client.pods().inAnyNamespace().list().getItems().stream(),
                client.apps().deployments().inAnyNamespace().list().getItems().stream()),
            Stream.concat(
                client.nodes().list().getItems().stream(),
                client
                    .genericKubernetesResources(IstioKind.VIRTUAL_SERVICE.context())
                    .inAnyNamespace()
                    .list()
                    .getItems()
                    .stream()))
        .map(IndexedCrudDispatcherIT::describe)
        .sorted(Comparator.naturalOrder())
        .forEach(out::add);
    return out;
  }

  private static String run(String what, Supplier<? extends HasMetadata> action) {
    try {
      HasMetadata result = action.get();
      return what + ": " + (result == null ? "absent" : describe(result));
    } catch (KubernetesClientException e) {
      return what + ": " + e.getCode();
    }
  }

  private static String describe(HasMetadata o) {
    String extra = "";
    if (o instanceof Pod pod && pod.getStatus() != null) {
      extra = " phase=" + pod.getStatus().getPhase();
    } else if (o instanceof GenericKubernetesResource g) {
      extra = " spec=" + g.getAdditionalProperties().get("spec");
    }
    return o.getKind()
        + " "
        + o.getMetadata().getNamespace()
        + "/"
        + o.getMetadata().getName()
        + " rv="
        + o.getMetadata().getResourceVersion()
        + " gen="
        + o.getMetadata().getGeneration()
        + " labels="
        + o.getMetadata().getLabels()
        + " deleting="
        + (o.getMetadata().getDeletionTimestamp() != null)
        + " finalizers="
        + o.getMetadata().getFinalizers()
        + extra;
  }
}
