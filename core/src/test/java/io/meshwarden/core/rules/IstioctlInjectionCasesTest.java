package io.meshwarden.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.projection.KubernetesYaml;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.core.model.ClusterView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The injection analyzer's codes (IST0102, IST0103, IST0148) in the layout of istioctl's analyzer
 * tests: each file under {@code istioctl/injection} is the input, its {@code # expect: <code>
 * <Kind> <namespace>/<name>} lines the complete list of messages istioctl gives for those codes.
 * Everything else a file holds is a near miss that must stay silent.
 */
class IstioctlInjectionCasesTest {

  private static final Instant NOW = Instant.parse("2026-11-24T14:00:00Z");
  private static final Set<String> CODES = Set.of("IST0102", "IST0103", "IST0148");
  private static final Path DIR = Path.of("src/test/resources/istioctl/injection");

  static Stream<Path> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givesIstioctlsMessages(Path file) throws Exception {
    FactProjector projector =
        new FactProjector("test", MeshKeys.standard(), Clock.fixed(NOW, ZoneOffset.UTC));
    List<ObjectFacts> facts = new ArrayList<>();
    for (JsonNode object : KubernetesYaml.read(file)) {
      facts.addAll(projector.project(object).facts());
    }

    List<String> messages =
        RuleEngine.standard().evaluate(ClusterView.of("test", NOW, facts)).stream()
            .filter(r -> r.istioCode() != null && CODES.contains(r.istioCode()))
            .map(
                r ->
                    r.istioCode()
                        + " "
                        + r.subject().kind()
                        + " "
                        + r.subject().namespace()
                        + "/"
                        + r.subject().name())
            .toList();

    assertThat(messages).containsExactlyInAnyOrderElementsOf(expected(file));
  }

  private static List<String> expected(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(l -> l.startsWith("# expect: "))
        .map(l -> l.substring("# expect: ".length()).trim())
        .toList();
  }
}
