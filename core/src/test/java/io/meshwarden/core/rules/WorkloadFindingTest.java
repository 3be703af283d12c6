package io.meshwarden.core.rules;

import static io.meshwarden.core.fixtures.Fixtures.namespace;
import static io.meshwarden.core.fixtures.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.Finding;
import io.meshwarden.core.fixtures.Fixtures;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Findings are per workload, carry pod counts, and convert to protocol findings. */
class WorkloadFindingTest {

  @Test
  void reportsOneBrokenDeploymentOf200PodsAsOneFindingWithCounts() {
    Scenario s = Scenario.of(namespace("shop", "istio-injection", "enabled"));
    IntStream.range(0, 200)
        .forEach(i -> s.with(pod("web-7d4b9c-" + i).ofDeployment("web", "7d4b9c")));
    s.with(pod("web-7d4b9c-ok").ofDeployment("web", "7d4b9c").withSidecar("default"));

    List<RuleResult> missing =
        new SidecarMissingRule().evaluate(s.view().namespaces().get("shop"), s.view().mesh());

    assertThat(missing)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.details())
                  .containsEntry("affectedPods", "200")
                  .containsEntry("totalPods", "201");
              assertThat(r.details().get("pods").split(",")).hasSize(WorkloadResults.SAMPLE);
              assertThat(r.message())
                  .contains("Deployment shop/web: 200 of 201 pods")
                  .contains("kubectl rollout restart deployment/web -n shop");
              assertThat(r.istioCode()).isNull();
            });
  }

  @Test
  void leavesIst0103ToIstioctlsPerPodRule() {
    Scenario s = Scenario.of(namespace("shop", "istio-injection", "enabled"));
    s.with(pod("web-a").ofDeployment("web", "1"), pod("web-b").ofDeployment("web", "1"));

    List<RuleResult> results = RuleEngine.standard().evaluate(s.view());

    assertThat(results.stream().filter(r -> r.code().equals("MW0001")))
        .singleElement()
        .satisfies(r -> assertThat(r.istioCode()).isNull());
    assertThat(results.stream().filter(r -> "IST0103".equals(r.istioCode())))
        .extracting(r -> r.code() + " " + r.subject().kind() + " " + r.subject().name())
        .containsExactlyInAnyOrder("MW0022 Pod web-a", "MW0022 Pod web-b");
  }

  @Test
  void convertsToAnOpenProtocolFinding() {
    Scenario s = Scenario.of(namespace("shop", "istio-injection", "enabled")).with(pod("solo"));

    Finding f =
        RuleEngine.standard().evaluate(s.view()).stream()
            .filter(r -> r.code().equals("MW0001"))
            .findFirst()
            .orElseThrow()
            .toFinding("prod-eu", Fixtures.NOW);

    assertThat(f.state()).isEqualTo(Finding.State.OPEN);
    assertThat(f.subject().kind()).isEqualTo("Pod");
    assertThat(f.fingerprint()).hasSize(32);
    assertThat(f.firstSeen()).isEqualTo(Fixtures.NOW);
  }

  @Test
  void sortsBySeverityThenSubject() {
    Scenario s =
        Scenario.of(namespace("shop", "istio-injection", "enabled"), namespace("alpha"))
            .with(
                pod("web-a")
                    .ofDeployment("web", "1")
                    .withSidecar("default")
                    .proxyStatus(false, 9, "CrashLoopBackOff"));

    List<RuleResult> all = RuleEngine.standard().evaluate(s.view());

    assertThat(all).isSortedAccordingTo(RuleEngine.ORDER);
    assertThat(all.get(0).code()).isEqualTo("MW0005");
  }
}
