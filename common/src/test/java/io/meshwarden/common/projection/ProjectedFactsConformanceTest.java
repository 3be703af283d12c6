package io.meshwarden.common.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.Schemas;
import io.meshwarden.common.protocol.WireCodec;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Everything projected from the fixtures is a valid wire record under the published schema. */
class ProjectedFactsConformanceTest {

  private static final List<String> FIXTURES =
      List.of(
          "pod-injected.yaml",
          "pod-native-sidecar.yaml",
          "deployment.yaml",
          "statefulset.yaml",
          "service.yaml",
          "secret.yaml",
          "istio-networking.yaml",
          "istio-security.yaml",
          "injector-configmap.yaml",
          "mesh-configmap.yaml",
          "revision-tag-webhook.yaml",
          "list.yaml");

  private static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(
              SpecVersion.VersionFlag.V202012,
              b ->
                  b.schemaMappers(
                      m -> m.mapPrefix("https://meshwarden.io/schemas/", "classpath:schemas/")))
          .getSchema(SchemaLocation.of("https://meshwarden.io/schemas/facts.schema.json"));

  private static Stream<ObjectFacts> allFacts() {
    FactProjector projector = Fixtures.projector();
    return FIXTURES.stream()
        .flatMap(f -> Fixtures.objects(f).stream())
        .flatMap(o -> projector.projectAll(o).stream());
  }

  static Stream<Arguments> facts() {
    return allFacts().map(f -> Arguments.of(f.key(), f));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("facts")
  void validatesAgainstThePublishedFactsSchema(String key, ObjectFacts facts) throws Exception {
    JsonNode json = WireCodec.mapper().readTree(WireCodec.encode(facts));

    assertThat(SCHEMA.validate(json)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("facts")
  void survivesARoundTripThroughTheWireCodec(String key, ObjectFacts facts) throws Exception {
    byte[] once = WireCodec.encode(facts);

    byte[] twice = WireCodec.encode(WireCodec.decode(once, ObjectFacts.class, Schemas.FACTS));

    // Trees, not bytes: the protocol's immutable maps do not promise an iteration order.
    assertThat(WireCodec.mapper().readTree(twice)).isEqualTo(WireCodec.mapper().readTree(once));
  }

  @Test
  void theFixturesCoverEveryFactKind() {
    Set<FactKind> seen = EnumSet.noneOf(FactKind.class);
    allFacts().forEach(f -> seen.add(f.kind()));

    assertThat(seen).containsExactlyInAnyOrder(FactKind.values());
  }
}
