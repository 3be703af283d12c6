package io.meshwarden.core.remediation;

import static io.meshwarden.core.fixtures.Fixtures.injector;
import static io.meshwarden.core.fixtures.Fixtures.namespace;
import static io.meshwarden.core.fixtures.Fixtures.pod;
import static io.meshwarden.core.fixtures.Fixtures.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.core.fixtures.Fixtures;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.MeshViewBuilder;
import io.meshwarden.core.rules.NamespaceRule;
import io.meshwarden.core.rules.Rule;
import io.meshwarden.core.rules.RuleCatalog;
import io.meshwarden.core.rules.RuleResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The executor's "does the finding still hold?" is the rule's own verdict over live facts, for the
 * one workload the request names, and the revision a restart needs comes from that rule.
 */
class RecheckTest {

  private static final ObjectRef WEB = new ObjectRef("Deployment", "shop", "web", null);

  private static Rule rule(String code) {
    return RuleCatalog.byCode(code).orElseThrow();
  }

  private static MeshView mesh(ObjectFacts... namespaces) {
    MeshViewBuilder b = new MeshViewBuilder(Fixtures.NOW);
    b.add(injector("1-23").image("docker.io/istio", null, "1.23.0", null).build());
    b.add(injector("1-24").build());
    b.add(tag("default", "1-24"));
    for (ObjectFacts ns : namespaces) {
      b.add(ns);
    }
    return b.build();
  }

  @Test
  void aWorkloadWhosePodsLackTheSidecarStillHoldsAndNamesTheInjectingRevision() {
    MeshView mesh = mesh(namespace("shop", "istio-injection", "enabled"));
    List<ObjectFacts> live =
        List.of(
            pod("web-7d4b9c-a").ofDeployment("web", "7d4b9c").build(),
            pod("web-7d4b9c-b").ofDeployment("web", "7d4b9c").build());

    Optional<RuleResult> still = Recheck.finding(rule("MW0001"), WEB, live, mesh);

    assertThat(still).isPresent();
    assertThat(still.get().subject().name()).isEqualTo("web");
    assertThat(rule("MW0001").expectedRevision(still.get().details()))
        .as("the default tag points at 1-24")
        .contains("1-24");
  }

  @Test
  void onceThePodsCarryTheSidecarTheFindingNoLongerHolds() {
    MeshView mesh = mesh(namespace("shop", "istio-injection", "enabled"));
    List<ObjectFacts> live =
        List.of(pod("web-5f6a7b-a").ofDeployment("web", "5f6a7b").withSidecar("1-24").build());

    assertThat(Recheck.finding(rule("MW0001"), WEB, live, mesh)).isEmpty();
  }

  @Test
  void anotherWorkloadsDriftIsNotTheTargets() {
    MeshView mesh = mesh(namespace("shop", "istio-injection", "enabled"));
    List<ObjectFacts> live =
        List.of(
            pod("web-5f6a7b-a").ofDeployment("web", "5f6a7b").withSidecar("1-24").build(),
            pod("api-1a2b3c-a").ofDeployment("api", "1a2b3c").build());

    assertThat(Recheck.finding(rule("MW0001"), WEB, live, mesh)).isEmpty();
    assertThat(
            Recheck.finding(
                rule("MW0001"), new ObjectRef("Deployment", "shop", "api", null), live, mesh))
        .isPresent();
  }

  @Test
  void aNamespaceThatNoLongerAsksForInjectionResolvesSidecarMissing() {
    MeshView mesh = mesh(namespace("shop"));
    List<ObjectFacts> live = List.of(pod("web-7d4b9c-a").ofDeployment("web", "7d4b9c").build());

    assertThat(Recheck.finding(rule("MW0001"), WEB, live, mesh)).isEmpty();
  }

  @Test
  void proxyImageDriftNamesTheRevisionWhoseImageThePodsShouldRun() {
    MeshView mesh = mesh(namespace("shop", "istio.io/rev", "1-24"));
    List<ObjectFacts> live =
        List.of(
            pod("web-7d4b9c-a")
                .ofDeployment("web", "7d4b9c")
                .label("istio.io/rev", "1-24")
                .withSidecar("1-24", "docker.io/istio/proxyv2:1.23.0")
                .build());

    Optional<RuleResult> still = Recheck.finding(rule("MW0004"), WEB, live, mesh);

    assertThat(still).isPresent();
    assertThat(rule("MW0004").expectedRevision(still.get().details())).contains("1-24");
  }

  @Test
  void removingAnUnexpectedSidecarDependsOnNoRevision() {
    MeshView mesh = mesh(namespace("shop", "istio-injection", "disabled"));
    List<ObjectFacts> live =
        List.of(pod("web-7d4b9c-a").ofDeployment("web", "7d4b9c").withSidecar("1-24").build());

    Optional<RuleResult> still = Recheck.finding(rule("MW0002"), WEB, live, mesh);

    assertThat(still).isPresent();
    assertThat(rule("MW0002").expectedRevision(still.get().details())).isEmpty();
  }

  @Test
  void everyRuleWhoseRemedyIsARestartCanBeRecheckedPerNamespace() {
    assertThat(RuleCatalog.all().stream().filter(r -> r.info().remedy().restarts()))
        .isNotEmpty()
        .allMatch(r -> r instanceof NamespaceRule);
  }

  @Test
  void aRuleThatIsNotEvaluatedPerNamespaceCannotBeRechecked() {
    Rule notPerNamespace =
        RuleCatalog.all().stream()
            .filter(r -> !(r instanceof NamespaceRule))
            .findFirst()
            .orElseThrow();

    assertThatThrownBy(() -> Recheck.finding(notPerNamespace, WEB, List.of(), mesh()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(notPerNamespace.info().code());
  }
}
