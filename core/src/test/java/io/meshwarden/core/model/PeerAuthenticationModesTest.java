package io.meshwarden.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.MeshConfigFacts;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.PeerAuthenticationFacts;
import io.meshwarden.core.fixtures.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How PeerAuthentication facts decide {@link MeshView#strictMtls} for namespace {@code shop}. */
class PeerAuthenticationModesTest {

  private static final Instant OLD = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant NEW = Instant.parse("2026-06-01T00:00:00Z");

  static Stream<Arguments> rows() {
    return Stream.of(
        row("none seen: unknown", Optional.empty()),
        row("namespace STRICT", Optional.of(true), pa("shop", "default", "STRICT")),
        row("namespace PERMISSIVE", Optional.of(false), pa("shop", "default", "PERMISSIVE")),
        row("mesh-wide STRICT", Optional.of(true), pa("istio-system", "default", "STRICT")),
        row(
            "namespace PERMISSIVE overrides mesh-wide STRICT",
            Optional.of(false),
            pa("istio-system", "default", "STRICT"),
            pa("shop", "default", "PERMISSIVE")),
        row(
            "namespace UNSET inherits mesh-wide STRICT",
            Optional.of(true),
            pa("istio-system", "default", "STRICT"),
            pa("shop", "default", null)),
        row(
            "a workload-scoped STRICT is not namespace-wide",
            Optional.empty(),
            pa("shop", "web", "STRICT").withSelector(Map.of("app", "web"))),
        row(
            "a workload-scoped STRICT in the root namespace is not mesh-wide",
            Optional.empty(),
            pa("istio-system", "gw", "STRICT").withSelector(Map.of("app", "gw"))),
        row(
            "another namespace's STRICT does not apply",
            Optional.empty(),
            pa("billing", "default", "STRICT")),
        row(
            "of two namespace-wide policies the oldest wins",
            Optional.of(true),
            pa("shop", "b-new", "PERMISSIVE").createdAt(NEW),
            pa("shop", "z-old", "STRICT").createdAt(OLD)),
        row(
            "created together: the first name wins",
            Optional.of(false),
            pa("shop", "b", "STRICT").createdAt(OLD),
            pa("shop", "a", "PERMISSIVE").createdAt(OLD)),
        row(
            "the mesh config moves the root namespace",
            Optional.of(true),
            meshConfig("mesh-root"),
            pa("mesh-root", "default", "STRICT")),
        row(
            "istio-system is not the root when the mesh config names another",
            Optional.empty(),
            meshConfig("mesh-root"),
            pa("istio-system", "default", "STRICT")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void resolvesTheNamespaceModeAsIstiodDoes(
      String name, Optional<Boolean> strict, List<ObjectFacts> facts) {
    MeshView mesh = new MeshViewBuilder(Fixtures.NOW).addAll(facts).build();

    assertThat(mesh.strictMtls("shop")).isEqualTo(strict);
  }

  private static Arguments row(String name, Optional<Boolean> strict, Object... facts) {
    return Arguments.of(
        name,
        strict,
        Stream.of(facts).map(f -> f instanceof Pa p ? p.build() : (ObjectFacts) f).toList());
  }

  private static Pa pa(String namespace, String name, String mode) {
    return new Pa(namespace, name, mode, Map.of(), Fixtures.NOW.minusSeconds(3600));
  }

  private static MeshConfigFacts meshConfig(String rootNamespace) {
    ObjectNode mesh = JsonNodeFactory.instance.objectNode().put("rootNamespace", rootNamespace);
    return new MeshConfigFacts(
        null, null, Fixtures.meta("istio-system", "istio", Map.of(), Map.of()), null, mesh);
  }

  /** A PeerAuthentication with defaults and overrides. */
  private record Pa(
      String namespace, String name, String mode, Map<String, String> selector, Instant created) {

    Pa withSelector(Map<String, String> s) {
      return new Pa(namespace, name, mode, s, created);
    }

    Pa createdAt(Instant at) {
      return new Pa(namespace, name, mode, selector, at);
    }

    PeerAuthenticationFacts build() {
      FactMeta m = Fixtures.meta(namespace, name, Map.of(), Map.of());
      FactMeta meta =
          new FactMeta(
              m.cluster(),
              namespace,
              name,
              m.uid(),
              m.resourceVersion(),
              m.observedAt(),
              created,
              Map.of(),
              Map.of());
      return new PeerAuthenticationFacts(
          null, null, meta, "security.istio.io/v1", selector, mode, Map.of());
    }
  }
}
