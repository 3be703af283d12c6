package io.meshwarden.core.rules;

import static io.meshwarden.core.fixtures.Fixtures.deployment;
import static io.meshwarden.core.fixtures.Fixtures.hook;
import static io.meshwarden.core.fixtures.Fixtures.injector;
import static io.meshwarden.core.fixtures.Fixtures.namespace;
import static io.meshwarden.core.fixtures.Fixtures.pod;
import static io.meshwarden.core.fixtures.Fixtures.proxyConfig;
import static io.meshwarden.core.fixtures.Fixtures.selector;
import static io.meshwarden.core.fixtures.Fixtures.webhooks;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ProbeFacts;
import io.meshwarden.core.fixtures.MeshFixture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule, as a table: each row is a scenario, the rule code, and the subject expected to be
 * named (or null: the near miss beside it must stay silent). All rules run on every row, so a row
 * also proves the rule does not fire on the neighbours' cases by accident.
 *
 * <p>Over 500 lines because it is one table of every rule's hits and near misses, kept together so
 * the coverage check below sees all of it.
 */
class RuleTableTest {

  private static final String ENABLED = "istio-injection";

  static Stream<Arguments> rows() {
    ProbeFacts http8080 = new ProbeFacts("httpGet", "8080", "/ready", null, "HTTP");
    ProbeFacts rewritten =
        new ProbeFacts("httpGet", "15020", "/app-health/app/readyz", null, "HTTP");
    ContainerFacts hostProbe =
        new ContainerFacts(
            "app",
            "img",
            null,
            null,
            null,
            new ProbeFacts("httpGet", "8080", "/ready", "10.0.0.1", "HTTP"),
            null,
            null,
            null);
    ContainerFacts plainProbe =
        new ContainerFacts("app", "img", null, null, null, http8080, null, null, null);
    return Stream.of(
        // MW0001 sidecar missing
        row(
            "MW0001",
            "web",
            "no proxy in istio-injection=enabled namespace",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("web-a").ofDeployment("web", "7d4b9c"),
                    pod("web-b").ofDeployment("web", "7d4b9c"))),
        row(
            "MW0001",
            "web",
            "no proxy in a tag-labelled namespace (istioctl misses it)",
            Scenario.of(namespace("shop", "istio.io/rev", "prod"))
                .withControlPlane()
                .with(pod("web-a").ofDeployment("web", "7d4b9c"))),
        row(
            "MW0001",
            null,
            "pod label opts out",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .label("sidecar.istio.io/inject", "false"))),
        row(
            "MW0001",
            null,
            "gateway pods never miss a sidecar",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("gw-a")
                        .ofDeployment("gw", "1a")
                        .annotation("inject.istio.io/templates", "gateway"))),
        row(
            "MW0001",
            null,
            "native sidecar counts as injected",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .withControlPlane()
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .withSidecar("1-24")
                        .nativeSidecar())),
        // MW0002 unexpected sidecar
        row(
            "MW0002",
            "web",
            "sidecar in a namespace that lost its label",
            Scenario.of(namespace("shop"))
                .with(pod("web-a").ofDeployment("web", "7d4b9c").withSidecar("1-24"))),
        row(
            "MW0002",
            "web",
            "sidecar in a namespace moved to ambient",
            Scenario.of(namespace("shop", "istio.io/dataplane-mode", "ambient"))
                .with(pod("web-a").ofDeployment("web", "7d4b9c").withSidecar("1-24"))),
        row(
            "MW0002",
            null,
            "sidecar where injection is asked",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(pod("web-a").ofDeployment("web", "7d4b9c").withSidecar("1-24"))),
        row(
            "MW0002",
            null,
            "Gateway-API gateway runs istio-proxy despite inject=false",
            Scenario.of(namespace("shop"))
                .with(
                    pod("gw-a")
                        .ofDeployment("gw", "1a")
                        .label("gateway.istio.io/managed", "istio.io-gateway-controller")
                        .label("sidecar.istio.io/inject", "false")
                        .withSidecar("1-24"))),
        // MW0003 revision drift
        row(
            "MW0003",
            "web",
            "injected by 1-23, namespace tag now points to 1-24",
            Scenario.of(namespace("shop", "istio.io/rev", "prod"))
                .withControlPlane()
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .withSidecar("1-23", "docker.io/istio/proxyv2:1.23.0"))),
        row(
            "MW0003",
            null,
            "injected by the revision the tag points to",
            Scenario.of(namespace("shop", "istio.io/rev", "prod"))
                .withControlPlane()
                .with(pod("web-a").ofDeployment("web", "7d4b9c").withSidecar("1-24"))),
        row(
            "MW0003",
            null,
            "tags unknown without control plane: no verdict",
            Scenario.of(namespace("shop", "istio.io/rev", "prod"))
                .with(pod("web-a").ofDeployment("web", "7d4b9c").withSidecar("1-23"))),
        // MW0004 proxy image drift
        row(
            "MW0004",
            "web",
            "1-24 upgraded in place to 1.24.0, pod still runs 1.24-rc",
            Scenario.of(namespace("shop", "istio.io/rev", "prod"))
                .withControlPlane()
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .withSidecar("1-24", "docker.io/istio/proxyv2:1.24-rc"))),
        row(
            "MW0004",
            null,
            "image matches the revision",
            Scenario.of(namespace("shop", "istio.io/rev", "prod"))
                .withControlPlane()
                .with(pod("web-a").ofDeployment("web", "7d4b9c").withSidecar("1-24"))),
        row(
            "MW0004",
            "web",
            "a root-namespace ProxyConfig now asks for distroless, the pod runs the plain image",
            Scenario.of(namespace("shop", "istio.io/rev", "prod"))
                .withControlPlane()
                .with(proxyConfig("istio-system", "mesh-distroless", null, "distroless"))
                .with(pod("web-a").ofDeployment("web", "7d4b9c").withSidecar("1-24"))),
        row(
            "MW0004",
            null,
            "the namespace's ProxyConfig asks for distroless and the pod runs it",
            Scenario.of(namespace("shop", "istio.io/rev", "prod"))
                .withControlPlane()
                .with(proxyConfig("shop", "distroless", null, "distroless"))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .withSidecar("1-24", "docker.io/istio/proxyv2:1.24.0-distroless"))),
        row(
            "MW0004",
            null,
            "proxyImage annotation without a slash is ignored by the injector",
            Scenario.of(namespace("shop", "istio.io/rev", "prod"))
                .withControlPlane()
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .annotation("sidecar.istio.io/proxyImage", "proxyv3")
                        .withSidecar("1-24"))),
        row(
            "MW0004",
            "web",
            "native sidecar on the old image",
            Scenario.of(namespace("shop", "istio.io/rev", "prod"))
                .withControlPlane()
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .withSidecar("1-24", "docker.io/istio/proxyv2:1.23.0")
                        .nativeSidecar())),
        row(
            "MW0004",
            null,
            "proxyImage annotation overrides the injector",
            Scenario.of(namespace("shop", "istio.io/rev", "prod"))
                .withControlPlane()
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .annotation("sidecar.istio.io/proxyImage", "my.reg/proxy:x")
                        .withSidecar("1-24", "my.reg/proxy:x"))),
        // MW0005 proxy unhealthy
        row(
            "MW0005",
            "web",
            "proxy crash-looping",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .withSidecar("1-24")
                        .proxyStatus(false, 7, "CrashLoopBackOff"))),
        row(
            "MW0005",
            "web",
            "proxy not ready for an hour",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .withSidecar("1-24")
                        .proxyStatus(false, 0, null))),
        row(
            "MW0005",
            null,
            "proxy not ready for a minute",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .createdAt(Instant.parse("2026-11-24T13:59:00Z"))
                        .withSidecar("1-24")
                        .proxyStatus(false, 0, null))),
        // MW0006 probes not rewritten under STRICT
        row(
            "MW0006",
            "web",
            "HTTP probe not rewritten, mesh-wide STRICT",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .appProbe(http8080)
                        .withSidecar("1-24"))
                .mtls("", "STRICT")),
        row(
            "MW0006",
            null,
            "HTTP probe not rewritten, namespace PERMISSIVE overrides STRICT",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .appProbe(http8080)
                        .withSidecar("1-24"))
                .mtls("", "STRICT")
                .mtls("shop", "PERMISSIVE")),
        row(
            "MW0006",
            null,
            "rewritten probe under STRICT",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .appProbe(rewritten)
                        .withSidecar("1-24"))
                .mtls("", "STRICT")),
        row(
            "MW0006",
            null,
            "a workload's own PERMISSIVE policy exempts it from namespace STRICT",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .label("app", "web")
                        .appProbe(http8080)
                        .withSidecar("1-24"))
                .mtls("shop", "STRICT")
                .mtls("shop", Map.of("app", "web"), "PERMISSIVE", Map.of())),
        row(
            "MW0006",
            "web",
            "a workload's own STRICT policy in a PERMISSIVE namespace",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .label("app", "web")
                        .appProbe(http8080)
                        .withSidecar("1-24"))
                .mtls("shop", "PERMISSIVE")
                .mtls("shop", Map.of("app", "web"), "STRICT", Map.of())),
        row(
            "MW0006",
            "web",
            "a workload policy selecting other pods leaves the namespace STRICT",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .label("app", "web")
                        .appProbe(http8080)
                        .withSidecar("1-24"))
                .mtls("shop", "STRICT")
                .mtls("shop", Map.of("app", "db"), "PERMISSIVE", Map.of())),
        row(
            "MW0006",
            null,
            "STRICT workload policy, but PERMISSIVE on the probe's port",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .label("app", "web")
                        .appProbe(http8080)
                        .withSidecar("1-24"))
                .mtls("shop", Map.of("app", "web"), "STRICT", Map.of("8080", "PERMISSIVE"))),
        row(
            "MW0006",
            "web",
            "a workload policy on tier: backend does not select a pod without it: STRICT holds",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .label("app", "web")
                        .appProbe(http8080)
                        .withSidecar("1-24"))
                .mtls("shop", "STRICT")
                .mtls("shop", Map.of("tier", "backend"), "PERMISSIVE", Map.of())),
        row(
            "MW0006",
            null,
            "a workload policy on tier: backend selects the pod labelled so: PERMISSIVE",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .label("app", "web")
                        .label("tier", "backend")
                        .appProbe(http8080)
                        .withSidecar("1-24"))
                .mtls("shop", "STRICT")
                .mtls("shop", Map.of("tier", "backend"), "PERMISSIVE", Map.of())),
        // MW0007 host on a rewritten probe
        row(
            "MW0007",
            "web",
            "rewritten probe keeps the template's host",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(deployment("web").container(hostProbe))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .appProbe(
                            new ProbeFacts(
                                "httpGet", "15020", "/app-health/app/readyz", "10.0.0.1", "HTTP"))
                        .withSidecar("1-24"))),
        row(
            "MW0007",
            null,
            "template probe without host",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(deployment("web").container(plainProbe))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .appProbe(rewritten)
                        .withSidecar("1-24"))),
        // MW0008 ISTIO_KUBE_APP_PROBERS out of step
        row(
            "MW0008",
            "web",
            "app probers name a renamed container",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .withSidecar("1-24")
                        .proxyAppProbers("/app-health/old-app/readyz"))),
        row(
            "MW0008",
            null,
            "app probers name existing containers",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(
                    pod("web-a")
                        .ofDeployment("web", "7d4b9c")
                        .withSidecar("1-24")
                        .proxyAppProbers("/app-health/app/readyz"))),
        // MW0010 conflicting namespace labels
        row(
            "MW0010",
            "shop",
            "istio-injection and istio.io/rev together",
            Scenario.of(namespace("shop", ENABLED, "enabled", "istio.io/rev", "prod"))),
        row(
            "MW0010",
            "shop",
            "sidecar label and ambient together",
            Scenario.of(
                namespace("shop", "istio.io/rev", "prod", "istio.io/dataplane-mode", "ambient"))),
        row(
            "MW0010",
            null,
            "one revision label",
            Scenario.of(namespace("shop", "istio.io/rev", "prod"))),
        row(
            "MW0010",
            null,
            "istio-injection=disabled beside istio.io/rev: istioctl counts only the first",
            Scenario.of(namespace("shop", ENABLED, "disabled", "istio.io/rev", "prod"))),
        row(
            "MW0010",
            "shop",
            "istio-injection=enabled beside dataplane-mode=none",
            Scenario.of(namespace("shop", ENABLED, "enabled", "istio.io/dataplane-mode", "none"))),
        row(
            "MW0010",
            null,
            "istio-system is skipped",
            Scenario.of(namespace("istio-system", ENABLED, "enabled", "istio.io/rev", "prod"))),
        // MW0011 namespace asks for a missing revision
        row(
            "MW0011",
            "shop",
            "namespace names no revision or tag",
            Scenario.of(namespace("shop", "istio.io/rev", "canary")).withControlPlane()),
        row(
            "MW0011",
            "shop",
            "istio-injection=enabled without a default revision",
            Scenario.of(namespace("shop", ENABLED, "enabled"), injector("1-24").build())),
        row(
            "MW0011",
            null,
            "namespace names a tag",
            Scenario.of(namespace("shop", "istio.io/rev", "prod")).withControlPlane()),
        row(
            "MW0011",
            null,
            "no control plane in the input: not judged",
            Scenario.of(namespace("shop", "istio.io/rev", "canary"))),
        // MW0012 workload asks for a missing revision
        row(
            "MW0012",
            "web",
            "template pod label names no revision",
            Scenario.of(namespace("shop"))
                .withControlPlane()
                .with(deployment("web").templateLabel("istio.io/rev", "canary"))),
        row(
            "MW0012",
            null,
            "template pod label names a tag",
            Scenario.of(namespace("shop"))
                .withControlPlane()
                .with(deployment("web").templateLabel("istio.io/rev", "prod"))),
        // MW0013 namespace not labelled
        row("MW0013", "shop", "plain namespace", Scenario.of(namespace("shop"))),
        row(
            "MW0013",
            null,
            "istio-system is a system namespace",
            Scenario.of(namespace("istio-system"))),
        row(
            "MW0013",
            null,
            "explicit opt-out",
            Scenario.of(namespace("shop", ENABLED, "disabled"))),
        // MW0014 injected only by enableNamespacesByDefault
        row(
            "MW0014",
            "shop",
            "unlabelled namespace injected by default",
            Scenario.of(
                namespace("shop"), injector("default").enableNamespacesByDefault().build())),
        row(
            "MW0014",
            null,
            "labelled namespace",
            Scenario.of(
                namespace("shop", "istio.io/rev", "default"),
                injector("default").enableNamespacesByDefault().build())),
        // MW0015 deprecated annotation
        row(
            "MW0015",
            "web",
            "template uses the annotation",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(deployment("web").templateAnnotation("sidecar.istio.io/inject", "true"))),
        row(
            "MW0015",
            null,
            "template uses the label",
            Scenario.of(namespace("shop", ENABLED, "enabled"))
                .with(deployment("web").templateLabel("sidecar.istio.io/inject", "true"))),
        // MW0016 UID 1337
        row(
            "MW0016",
            "web",
            "container runs as 1337",
            Scenario.of(namespace("shop"))
                .with(
                    deployment("web")
                        .container(
                            new ContainerFacts(
                                "app", "img", null, 1337L, null, null, null, null, null)))),
        row(
            "MW0016",
            "web",
            "pod-level 1337 inherited",
            Scenario.of(namespace("shop")).with(deployment("web").runAsUser(1337))),
        row(
            "MW0016",
            null,
            "pod-level 1337 overridden by the container",
            Scenario.of(namespace("shop"))
                .with(
                    deployment("web")
                        .runAsUser(1337)
                        .container(
                            new ContainerFacts(
                                "app", "img", null, 1000L, null, null, null, null, null)))),
        // MW0020 (IST0139): see MW0020*.yaml and WebhookOverlapRuleTest
        // MW0021 fail-open webhook
        row(
            "MW0021",
            "istio-sidecar-injector",
            "failurePolicy Ignore",
            Scenario.of(
                webhooks(
                    "istio-sidecar-injector",
                    "default",
                    hook(
                        "namespace.sidecar-injector.istio.io",
                        selector(ENABLED, "enabled"),
                        notFalse(),
                        "Ignore")))),
        row(
            "MW0021",
            null,
            "failurePolicy Fail",
            Scenario.of(
                webhooks(
                    "istio-sidecar-injector",
                    "default",
                    hook(
                        "namespace.sidecar-injector.istio.io",
                        selector(ENABLED, "enabled"),
                        notFalse(),
                        "Fail")))));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("rows")
  void firesOnlyWhereItShould(String code, String subject, String description, Scenario scenario) {
    List<RuleResult> results =
        RuleEngine.standard().evaluate(scenario.view()).stream()
            .filter(r -> r.code().equals(code))
            .toList();

    if (subject == null) {
      assertThat(results).as(description).isEmpty();
    } else {
      assertThat(results).as(description).hasSize(1);
      assertThat(results.get(0).subject().name()).isEqualTo(subject);
      assertThat(results.get(0).message()).contains(subject);
    }
  }

  @Test
  void everyRuleHasAFiringRowAndANearMiss() {
    List<Arguments> rows = rows().toList();
    Set<String> yaml =
        MeshFixture.all().map(MeshFixture::code).collect(java.util.stream.Collectors.toSet());
    for (Rule rule : RuleCatalog.all()) {
      String code = rule.info().code();
      if (yaml.contains(code)) {
        continue; // MeshRuleFixturesTest: a firing case and near misses in YAML
      }
      assertThat(rows)
          .as(code + " fires")
          .anyMatch(a -> a.get()[0].equals(code) && a.get()[1] != null);
      assertThat(rows)
          .as(code + " near miss")
          .anyMatch(a -> a.get()[0].equals(code) && a.get()[1] == null);
    }
  }

  private static LabelSelector notFalse() {
    return new LabelSelector(
        Map.of(),
        List.of(
            new LabelSelector.Requirement("sidecar.istio.io/inject", "NotIn", List.of("false"))));
  }

  private static Arguments row(String code, String subject, String description, Scenario scenario) {
    return Arguments.of(code, subject, description, scenario);
  }
}
