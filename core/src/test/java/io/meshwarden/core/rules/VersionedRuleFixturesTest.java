package io.meshwarden.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.projection.KubernetesYaml;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.core.fixtures.MeshFixture;
import io.meshwarden.core.model.ClusterView;
import io.meshwarden.core.model.IstioVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The configuration rules whose verdicts changed between Istio releases, each over a fixture of
 * {@code meshrules/versions/} judged as the release its {@code # istio-version:} header names: the
 * code fires on exactly the expected subjects (possibly none for that release) and on none of the
 * near misses.
 */
class VersionedRuleFixturesTest {

  private static final Instant NOW = Instant.parse("2026-11-24T14:00:00Z");
  private static final Path DIR = MeshFixture.DIR.resolve("versions");

  private static final Map<String, Function<IstioVersion, Rule>> RULES =
      Map.ofEntries(
          Map.entry("MW0100", PortNameConventionRule::new),
          Map.entry("MW0111", GatewayPortNotOnServiceRule::new),
          Map.entry("MW0112", ConflictingGatewaysRule::new),
          Map.entry("MW0140", ServiceEntryAddressesRequiredRule::new),
          Map.entry("MW0141", ServiceEntryProtocolConflictRule::new),
          Map.entry("MW0126", VirtualServiceUnreachableRule::new),
          Map.entry("MW0127", VirtualServiceIneffectiveMatchRule::new),
          Map.entry("MW0104", ExternalNamePortNameRule::new),
          Map.entry("MW0130", DestinationRuleSubsetNoPodsRule::new),
          Map.entry("MW0131", DestinationRuleUnknownHostRule::new));

  static Stream<MeshFixture> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      List<MeshFixture> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        out.add(MeshFixture.load(f));
      }
      return out.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void firesOnExactlyTheExpectedSubjectsForThatRelease(MeshFixture fixture) throws Exception {
    IstioVersion version = version(fixture.file());
    FactProjector projector =
        new FactProjector("test", MeshKeys.standard(), Clock.fixed(NOW, ZoneOffset.UTC));
    List<ObjectFacts> facts = new ArrayList<>();
    for (JsonNode object : KubernetesYaml.read(fixture.file())) {
      facts.addAll(projector.project(object).facts());
    }
    Rule rule = RULES.get(fixture.code()).apply(version);

    List<String> subjects =
        new RuleEngine(List.of(rule))
            .evaluate(ClusterView.of("test", NOW, facts)).stream()
                .map(
                    r ->
                        r.subject().kind()
                            + " "
                            + r.subject().namespace()
                            + "/"
                            + r.subject().name())
                .toList();

    assertThat(fixture.nearMisses()).as("fixture declares a near miss").isNotEmpty();
    assertThat(subjects).containsExactlyInAnyOrderElementsOf(fixture.expected());
    assertThat(subjects).doesNotContainAnyElementsOf(fixture.nearMisses());
  }

  private static IstioVersion version(Path file) throws IOException {
    String prefix = "# istio-version: ";
    return Files.readAllLines(file).stream()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .flatMap(l -> IstioVersion.parse(l.substring(prefix.length())))
        .orElseThrow(() -> new IllegalStateException(file + " names no istio-version"));
  }
}
