package io.meshwarden.watcher.informers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.projection.KubernetesYaml;
import io.meshwarden.common.projection.Projection;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.WireCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The watcher projects fabric8 objects without a JSON text round trip; these tests hold it to the
 * facts that round trip gave, for every object of the projector's own fixtures as fabric8 reads
 * them (typed for built-in kinds, generic for Istio's).
 */
class ObjectProjectorTest {

  private static final Path FIXTURES =
      Path.of("..", "common", "src", "test", "resources", "projection");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final FactProjector PROJECTOR =
      new FactProjector(
          "test",
          MeshKeys.standard(),
          Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
  private static final ObjectProjector OBJECTS = new ObjectProjector(SERIALIZATION, PROJECTOR);

  @Test
  void projectsEveryFixtureObjectAsTheJsonRoundTripDid() throws Exception {
    Set<FactKind> seen = EnumSet.noneOf(FactKind.class);
    int compared = 0;
    for (JsonNode tree : fixtureObjects()) {
      HasMetadata obj = readByFabric8(tree);
      if (obj == null) {
        continue;
      }
      Projection viaText = roundTrip(obj);
      Projection direct = OBJECTS.project(obj, obj.getKind(), obj.getApiVersion());

      assertThat(direct).as("%s %s", obj.getKind(), obj.getMetadata().getName()).isEqualTo(viaText);
      direct.facts().forEach(f -> seen.add(f.kind()));
      compared++;
    }
    assertThat(compared).isGreaterThan(30);
    assertThat(seen).containsExactlyInAnyOrder(FactKind.values());
  }

  @Test
  void wholeNumbersInLongFieldsAndIstioFractionsProjectAsTheirText() throws Exception {
    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName("migrate")
            .withNamespace("shop")
            .withGeneration(3L)
            .endMetadata()
            .withNewSpec()
            .withActiveDeadlineSeconds(600L)
            .withNewTemplate()
            .withNewSpec()
            .withTerminationGracePeriodSeconds(30L)
            .addNewContainer()
            .withName("migrate")
            .withImage("ghcr.io/acme/migrate:1")
            .withNewReadinessProbe()
            .withNewHttpGet()
            .withPort(new IntOrString("http"))
            .endHttpGet()
            .endReadinessProbe()
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    GenericKubernetesResource vs = new GenericKubernetesResource();
    vs.setApiVersion("networking.istio.io/v1");
    vs.setKind("VirtualService");
    vs.setMetadata(job.getMetadata());
    vs.setAdditionalProperty(
        "spec",
        Map.of(
            "hosts",
            List.of("web"),
            "http",
            List.of(
                Map.of(
                    "fault",
                    Map.of("delay", Map.of("percentage", Map.of("value", 0.1), "fixedDelay", "5s")),
                    "route",
                    List.of(Map.of("weight", 50L, "big", 12_345_678_901L))))));

    for (HasMetadata obj : List.of(job, vs)) {
      Projection direct = OBJECTS.project(obj, obj.getKind(), obj.getApiVersion());

      assertThat(direct).isInstanceOf(Projection.Projected.class).isEqualTo(roundTrip(obj));
    }
  }

  @Test
  void fillsInTheInformersKindWhereAListItemHasNone() {
    GenericKubernetesResource item = new GenericKubernetesResource();
    item.setMetadata(
        new JobBuilder().withNewMetadata().withName("x").endMetadata().build().getMetadata());
    item.getMetadata().setNamespace("shop");
    item.setAdditionalProperty("spec", Map.of("hosts", List.of("web")));

    Projection p = OBJECTS.project(item, "VirtualService", "networking.istio.io/v1");

    assertThat(p.facts()).extracting(ObjectFacts::kind).containsExactly(FactKind.VirtualService);
  }

  /** The old path: fabric8's JSON text, parsed again. */
  private static Projection roundTrip(HasMetadata obj) throws Exception {
    return PROJECTOR.project(WireCodec.mapper().readTree(SERIALIZATION.asJson(obj)));
  }

  /** The object as fabric8 reads it, or null for the fixtures' deliberately malformed objects. */
  private static HasMetadata readByFabric8(JsonNode tree) {
    try {
      return SERIALIZATION.unmarshal(
          WireCodec.mapper().writeValueAsString(tree), HasMetadata.class);
    } catch (Exception malformed) {
      return null;
    }
  }

  private static List<JsonNode> fixtureObjects() throws Exception {
    try (Stream<Path> files = Files.list(FIXTURES)) {
      List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      List<JsonNode> out = new java.util.ArrayList<>();
      for (Path f : yaml) {
        try {
          out.addAll(KubernetesYaml.read(f));
        } catch (Exception unreadable) {
          // malformed.yaml holds text that is not YAML at all
        }
      }
      return out;
    }
  }
}
