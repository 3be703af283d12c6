package io.meshwarden.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.projection.KubernetesYaml;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.core.fixtures.Fixtures;
import io.meshwarden.core.fixtures.MeshFixture;
import io.meshwarden.core.model.ClusterView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * IST0158 as istioctl reports it: the fixture {@code meshrules/MW0009.yaml} lists, per namespace,
 * the pods istioctl names in its one message ({@code # pods: <namespace>: [a b]}); the rule must
 * report exactly those namespaces with exactly those pods, sorted as istioctl sorts them.
 */
class PodsProxyImageMismatchRuleTest {

  private static final Path FIXTURE = MeshFixture.DIR.resolve("MW0009.yaml");

  @Test
  void namesTheMismatchedPodsOfEachNamespaceInOneMessage() throws Exception {
    Map<String, String> expected = new TreeMap<>();
    for (String line : Files.readAllLines(FIXTURE)) {
      if (line.startsWith("# pods: ")) {
        String rest = line.substring("# pods: ".length());
        int colon = rest.indexOf(':');
        expected.put(rest.substring(0, colon).trim(), rest.substring(colon + 1).trim());
      }
    }

    Map<String, String> reported =
        evaluate().stream()
            .filter(r -> r.code().equals("MW0009"))
            .collect(
                Collectors.toMap(
                    r -> r.subject().name(),
                    r -> "[" + r.details().get("podNames").replace(",", " ") + "]",
                    (a, b) -> a + " and " + b,
                    TreeMap::new));

    assertThat(expected).isNotEmpty();
    assertThat(reported).isEqualTo(expected);
  }

  @Test
  void claimsIst0158AndLeavesRestartsToMw0004() {
    assertThat(PodsProxyImageMismatchRule.INFO.istioCode()).isEqualTo("IST0158");
    assertThat(PodsProxyImageMismatchRule.INFO.remedy()).isEqualTo(Remedy.NONE);
    assertThat(ProxyImageDriftRule.INFO.istioCode()).isNull();
    assertThat(ProxyImageDriftRule.INFO.remedy()).isEqualTo(Remedy.RESTART_WORKLOAD);
  }

  @Test
  void readsTheConfigMapIstioctlReadsForEachNamespaceLabelling() {
    assertThat(PodsProxyImageMismatchRule.configMapName(Map.of("istio-injection", "enabled")))
        .contains("istio-sidecar-injector");
    assertThat(PodsProxyImageMismatchRule.configMapName(Map.of("istio.io/rev", "default")))
        .contains("istio-sidecar-injector");
    assertThat(PodsProxyImageMismatchRule.configMapName(Map.of("istio.io/rev", "")))
        .contains("istio-sidecar-injector");
    assertThat(
            PodsProxyImageMismatchRule.configMapName(
                Map.of("istio-injection", "disabled", "istio.io/rev", "1-24")))
        .contains("istio-sidecar-injector-1-24");
    assertThat(PodsProxyImageMismatchRule.configMapName(Map.of("istio-injection", "Enabled")))
        .isEmpty();
  }

  private static List<RuleResult> evaluate() throws Exception {
    FactProjector projector =
        new FactProjector("test", MeshKeys.standard(), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    List<ObjectFacts> facts = new ArrayList<>();
    for (JsonNode object : KubernetesYaml.read(FIXTURE)) {
      facts.addAll(projector.project(object).facts());
    }
    return RuleEngine.standard().evaluate(ClusterView.of("test", Fixtures.NOW, facts));
  }
}
