package io.meshwarden.core.rules;

import static io.meshwarden.core.fixtures.Fixtures.injector;
import static io.meshwarden.core.fixtures.Fixtures.namespace;
import static io.meshwarden.core.fixtures.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.PodSpecFacts.PortFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ProbeFacts;
import io.meshwarden.core.fixtures.PodBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The probe rules (MW0006, MW0007, MW0008) against Istio's rewriting (istio.md §5): what it
 * rewrites (containers and init containers, 1.25 hooks), what traffic skips the proxy (excluded or
 * not included ports, the status port), and the switch. Each hit has a near miss beside it.
 */
class ProbeRulesTest {

  private static final ProbeFacts HTTP_8080 =
      new ProbeFacts("httpGet", "8080", "/ready", null, "HTTP");
  private static final ProbeFacts GRPC_9090 = new ProbeFacts("grpc", "9090", null, null, null);
  private static final ProbeFacts TCP_8080 = new ProbeFacts("tcpSocket", "8080", null, null, null);
  private static final ProbeFacts EXEC = new ProbeFacts("exec", null, null, null, null);
  private static final ProbeFacts NAMED = new ProbeFacts("httpGet", "http", "/ready", null, "HTTP");
  private static final ProbeFacts STATUS_PORT =
      new ProbeFacts("httpGet", "15020", "/healthz/ready", null, "HTTP");
  private static final ProbeFacts REWRITTEN =
      new ProbeFacts("httpGet", "15020", "/app-health/app/readyz", null, "HTTP");

  static Stream<Arguments> mw0006() {
    return Stream.of(
        row("HTTP probe not rewritten on a captured port", true, web().appProbe(HTTP_8080)),
        row("the same probe rewritten", false, web().appProbe(REWRITTEN)),
        row("gRPC probe not rewritten", true, web().appProbe(GRPC_9090)),
        row("exec probe: the kubelet does not call the pod", false, web().appProbe(EXEC)),
        row(
            "TCP probe: Envoy accepts it, nothing is refused (not this rule)",
            false,
            web().appProbe(TCP_8080)),
        row(
            "named port resolved through the container's ports",
            true,
            web().app(container("app", NAMED, null, List.of(new PortFacts("http", 8080, "TCP"))))),
        row(
            "named port the container does not declare: the kubelet cannot call it either",
            false,
            web().app(container("app", NAMED, null, List.of()))),
        row(
            "port excluded from capture: the kubelet reaches the app directly",
            false,
            web()
                .appProbe(HTTP_8080)
                .annotation("traffic.sidecar.istio.io/excludeInboundPorts", "15020, 8080")),
        row(
            "another port excluded",
            true,
            web()
                .appProbe(HTTP_8080)
                .annotation("traffic.sidecar.istio.io/excludeInboundPorts", "9090")),
        row(
            "explicit include list without the port",
            false,
            web()
                .appProbe(HTTP_8080)
                .annotation("traffic.sidecar.istio.io/includeInboundPorts", "9090,9091")),
        row(
            "explicit include list with the port (exclusions do not matter then)",
            true,
            web()
                .appProbe(HTTP_8080)
                .annotation("traffic.sidecar.istio.io/includeInboundPorts", "9090,8080")
                .annotation("traffic.sidecar.istio.io/excludeInboundPorts", "8080")),
        row(
            "empty include list: no inbound capture",
            false,
            web()
                .appProbe(HTTP_8080)
                .annotation("traffic.sidecar.istio.io/includeInboundPorts", "")),
        row(
            "interception mode NONE",
            false,
            web().appProbe(HTTP_8080).annotation("sidecar.istio.io/interceptionMode", "NONE")),
        row("probe on the status port: never captured", false, web().appProbe(STATUS_PORT)),
        row(
            "probe on a custom status port",
            false,
            web()
                .appProbe(new ProbeFacts("httpGet", "15999", "/healthz", null, "HTTP"))
                .annotation("status.sidecar.istio.io/port", "15999")),
        row(
            "native app sidecar (init container) with a plain probe",
            true,
            web().appProbe(REWRITTEN).initApp(nativeApp("log-shipper", HTTP_8080))),
        row(
            "native app sidecar whose probe Istio rewrote",
            false,
            web()
                .appProbe(REWRITTEN)
                .initApp(
                    nativeApp(
                        "log-shipper",
                        new ProbeFacts(
                            "httpGet", "15020", "/app-health/log-shipper/readyz", null, "HTTP")))),
        row(
            "httpGet preStop hook not rewritten (1.25+ rewrites hooks)",
            true,
            web().app(container("app", REWRITTEN, HTTP_8080, List.of()))),
        row(
            "httpGet preStop hook rewritten to /app-lifecycle/",
            false,
            web()
                .app(
                    container(
                        "app",
                        REWRITTEN,
                        new ProbeFacts(
                            "httpGet", "15020", "/app-lifecycle/app/prestopz", null, "HTTP"),
                        List.of()))),
        row("pod without a sidecar", false, pod("web-a").ofDeployment("web", "7d4b9c")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mw0006")
  void mw0006FlagsOnlyProbesStrictMtlsRefuses(String description, boolean fires, PodBuilder p) {
    Scenario s = Scenario.of(namespace("shop")).with(p).mtls("", "STRICT");

    assertThat(codes(s, "MW0006")).as(description).hasSize(fires ? 1 : 0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mw0006")
  void mw0006IsSilentUnderPermissiveMtls(String description, boolean fires, PodBuilder p) {
    Scenario s = Scenario.of(namespace("shop")).with(p).mtls("", "PERMISSIVE");

    assertThat(codes(s, "MW0006")).as(description).isEmpty();
  }

  static Stream<Arguments> rewriteSwitch() {
    return Stream.of(
        Arguments.of("false", null, "off", "ANNOTATION"),
        Arguments.of("F", true, "off", "ANNOTATION"),
        Arguments.of("0", true, "off", "ANNOTATION"),
        Arguments.of("TRUE", false, "on", "ANNOTATION"),
        Arguments.of("no", false, "off", "INJECTOR_VALUES"),
        Arguments.of("no", null, "on", "DEFAULT"),
        Arguments.of(null, false, "off", "INJECTOR_VALUES"),
        Arguments.of(null, true, "on", "INJECTOR_VALUES"));
  }

  @ParameterizedTest(name = "annotation {0}, injector value {1}: rewriting {2} by {3}")
  @MethodSource("rewriteSwitch")
  void mw0006NamesTheSwitchAsTheInjectorReadsIt(
      String annotation, Boolean injectorValue, String state, String source) {
    PodBuilder p = web().appProbe(HTTP_8080);
    if (annotation != null) {
      p.annotation("sidecar.istio.io/rewriteAppHTTPProbers", annotation);
    }
    Scenario s = Scenario.of(namespace("shop")).with(p).mtls("", "STRICT");
    if (injectorValue != null) {
      s.with(injector("1-24").rewriteAppHTTPProbe(injectorValue).build());
    }

    List<RuleResult> results = codes(s, "MW0006");

    assertThat(results).hasSize(1);
    assertThat(results.get(0).details())
        .containsEntry("probeRewriting", state)
        .containsEntry("probeRewritingSource", source)
        .containsEntry("probes", "app/readinessProbe:8080");
  }

  static Stream<Arguments> mw0007() {
    ProbeFacts rewrittenWithHost =
        new ProbeFacts("httpGet", "15020", "/app-health/app/readyz", "10.0.0.1", "HTTP");
    return Stream.of(
        row("rewritten probe keeps its host", true, web().appProbe(rewrittenWithHost)),
        row("rewritten probe without host", false, web().appProbe(REWRITTEN)),
        row(
            "host on a probe Istio did not rewrite: the kubelet calls what the user asked",
            false,
            web().appProbe(new ProbeFacts("httpGet", "8080", "/ready", "10.0.0.1", "HTTP"))),
        row(
            "rewritten preStop hook keeps its host",
            true,
            web()
                .app(
                    container(
                        "app",
                        null,
                        new ProbeFacts(
                            "httpGet", "15020", "/app-lifecycle/app/prestopz", "db.local", "HTTP"),
                        List.of()))),
        row(
            "rewritten probe of a native app sidecar keeps its host",
            true,
            web()
                .initApp(
                    nativeApp(
                        "log-shipper",
                        new ProbeFacts(
                            "httpGet",
                            "15020",
                            "/app-health/log-shipper/readyz",
                            "10.0.0.1",
                            "HTTP")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mw0007")
  void mw0007FlagsRewrittenHandlersThatKeepAHost(String description, boolean fires, PodBuilder p) {
    assertThat(codes(Scenario.of(namespace("shop")).with(p), "MW0007"))
        .as(description)
        .hasSize(fires ? 1 : 0);
  }

  static Stream<Arguments> mw0008() {
    return Stream.of(
        row(
            "probe path names a renamed container",
            true,
            web().proxyAppProbers("/app-health/old/readyz")),
        row("probe path names the app", false, web().proxyAppProbers("/app-health/app/livez")),
        row(
            "probe path names a native app sidecar (init container)",
            false,
            web()
                .initApp(nativeApp("log-shipper", null))
                .proxyAppProbers("/app-health/log-shipper/readyz")),
        row("hook path names the app", false, web().proxyAppProbers("/app-lifecycle/app/prestopz")),
        row(
            "hook path names a renamed container",
            true,
            web().proxyAppProbers("/app-lifecycle/old/poststartz")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mw0008")
  void mw0008FlagsAppProbersNamingNoContainer(String description, boolean fires, PodBuilder p) {
    assertThat(codes(Scenario.of(namespace("shop")).with(p), "MW0008"))
        .as(description)
        .hasSize(fires ? 1 : 0);
  }

  private static PodBuilder web() {
    return pod("web-a").ofDeployment("web", "7d4b9c").withSidecar("1-24");
  }

  private static ContainerFacts container(
      String name, ProbeFacts readiness, ProbeFacts preStop, List<PortFacts> ports) {
    return new ContainerFacts(
        name, "img", null, null, ports, readiness, null, null, null, preStop, null);
  }

  /** An init container with restartPolicy Always: the only kind Kubernetes lets have probes. */
  private static ContainerFacts nativeApp(String name, ProbeFacts readiness) {
    return new ContainerFacts(
        name, "img", "Always", null, null, readiness, null, null, null, null, null);
  }

  private static List<RuleResult> codes(Scenario s, String code) {
    return RuleEngine.standard().evaluate(s.view()).stream()
        .filter(r -> r.code().equals(code))
        .toList();
  }

  private static Arguments row(String description, boolean fires, PodBuilder p) {
    return Arguments.of(description, fires, p);
  }
}
