package io.meshwarden.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.projection.KubernetesYaml;
import io.meshwarden.common.projection.Projection;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.core.fixtures.MeshFixture;
import io.meshwarden.core.model.ClusterView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each mesh configuration rule over its YAML fixture (projected as the watcher projects, malformed
 * objects reported as {@code analyze} reports them): the code fires on exactly the expected
 * subjects and on none of the near misses beside them.
 */
class MeshRuleFixturesTest {

  private static final Instant NOW = Instant.parse("2026-11-24T14:00:00Z");

  static Stream<MeshFixture> fixtures() {
    return MeshFixture.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void firesOnExactlyTheExpectedSubjects(MeshFixture fixture) throws Exception {
    FactProjector projector =
        new FactProjector("test", MeshKeys.standard(), Clock.fixed(NOW, ZoneOffset.UTC));
    List<ObjectFacts> facts = new ArrayList<>();
    List<RuleResult> results = new ArrayList<>();
    for (JsonNode object : KubernetesYaml.read(fixture.file())) {
      Projection p = projector.project(object);
      facts.addAll(p.facts());
      if (p instanceof Projection.Invalid bad) {
        // As analyze does: a malformed object is MW0030 on that object.
        results.add(MalformedObjectRule.result(bad.subject(), bad.field(), bad.reason()));
      }
    }
    results.addAll(RuleEngine.standard().evaluate(ClusterView.of("test", NOW, facts)));

    List<String> subjects =
        results.stream()
            .filter(r -> r.code().equals(fixture.code()))
            .map(
                r ->
                    r.subject().kind()
                        + " "
                        + r.subject().namespace()
                        + "/"
                        + r.subject().name()
                        + (fixture.namesIstioCodes() ? " " + r.istioCode() : ""))
            .toList();

    List<String> objects =
        facts.stream()
            .map(f -> f.kind() + " " + f.meta().namespace() + "/" + f.meta().name())
            .toList();
    assertThat(fixture.expected()).as("fixture declares a firing case").isNotEmpty();
    assertThat(fixture.nearMisses()).as("fixture declares a near miss").isNotEmpty();
    assertThat(objects)
        .as("near misses are objects of the fixture")
        .containsAll(fixture.nearMisses());
    assertThat(subjects).containsExactlyInAnyOrderElementsOf(fixture.expectedResults());
    assertThat(subjects.stream().map(s -> String.join(" ", List.of(s.split(" ")).subList(0, 2))))
        .doesNotContainAnyElementsOf(fixture.nearMisses());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void namesACatalogRule(MeshFixture fixture) {
    assertThat(RuleCatalog.all()).anyMatch(r -> r.info().code().equals(fixture.code()));
  }
}
