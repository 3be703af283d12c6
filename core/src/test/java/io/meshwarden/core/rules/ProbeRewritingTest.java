package io.meshwarden.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.PodSpecFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ProbeFacts;
import io.meshwarden.core.model.IstioVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The pieces of Istio's probe rewriting the probe rules stand on (istio.md §5). */
class ProbeRewritingTest {

  private static final ProbeFacts HTTP = new ProbeFacts("httpGet", "8080", "/ready", null, "HTTP");
  private static final ProbeFacts TCP = new ProbeFacts("tcpSocket", "8080", null, null, null);

  @ParameterizedTest
  @ValueSource(strings = {"1", "t", "T", "TRUE", "true", "True"})
  void goBoolTrueSpellings(String value) {
    assertThat(ProbeRewriting.parseGoBool(value)).contains(true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "f", "F", "FALSE", "false", "False"})
  void goBoolFalseSpellings(String value) {
    assertThat(ProbeRewriting.parseGoBool(value)).contains(false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yes", "no", "on", "off", "tRUE", "fALSE", " true", "2", "y"})
  void anythingElseIsNotAGoBool(String value) {
    assertThat(ProbeRewriting.parseGoBool(value)).isEqualTo(Optional.empty());
  }

  @Test
  void hooksAreRewrittenFrom125Only() {
    PodSpecFacts spec =
        new PodSpecFacts(
            null,
            List.of(
                new ContainerFacts(
                    "app", "img", null, null, null, HTTP, null, null, null, HTTP, TCP)),
            false,
            null,
            null,
            null);

    assertThat(Probes.inRewriteScope(spec, new IstioVersion(1, 24, 6)))
        .extracting(Probes.Handler::field)
        .containsExactly("readinessProbe");
    assertThat(Probes.inRewriteScope(spec, new IstioVersion(1, 25, 0)))
        .extracting(Probes.Handler::field)
        .containsExactly("readinessProbe", "preStop", "postStart");
  }

  @Test
  void rewriteScopeIsEveryContainerAndInitContainerButTheProxy() {
    ContainerFacts proxy =
        new ContainerFacts("istio-proxy", "img", "Always", null, null, HTTP, null, null, null);
    ContainerFacts shipper =
        new ContainerFacts("log-shipper", "img", "Always", null, null, HTTP, null, null, null);
    ContainerFacts app = new ContainerFacts("app", "img", null, null, null, HTTP, TCP, null, null);
    PodSpecFacts spec =
        new PodSpecFacts(List.of(proxy, shipper), List.of(app), false, null, null, null);

    assertThat(Probes.inRewriteScope(spec, IstioVersion.OLDEST))
        .extracting(h -> h.container().name() + "/" + h.field())
        .containsExactly("log-shipper/readinessProbe", "app/readinessProbe", "app/livenessProbe");
  }

  @ParameterizedTest(name = "{0} / {1} → {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "-            | -         | 8080=true,15020=false,15021=false,15090=false",
        "*            | 8080      | 8080=false,8081=true,15020=false",
        "*            | ' 8080 , 9090' | 8080=false,9090=false,9091=true",
        "8080         | 8080      | 8080=true,9090=false",
        "''           | -         | 8080=false",
        "*            | junk,8080 | 8080=false,15020=false",
      })
  void capturesAsIstioIptablesDoes(String include, String exclude, String expected) {
    Map<String, String> annotations = new java.util.HashMap<>();
    if (include != null) {
      annotations.put(InboundCapture.INCLUDE, include);
    }
    if (exclude != null) {
      annotations.put(InboundCapture.EXCLUDE, exclude);
    }
    InboundCapture capture = InboundCapture.of(annotations);

    for (String pair : expected.split(",")) {
      String[] kv = pair.split("=");
      assertThat(capture.captures(Integer.parseInt(kv[0])))
          .as("port " + kv[0])
          .isEqualTo(Boolean.parseBoolean(kv[1]));
    }
  }

  @Test
  void theStatusPortAnnotationMovesTheAlwaysExcludedPort() {
    InboundCapture capture = InboundCapture.of(Map.of(InboundCapture.STATUS_PORT, "15999"));

    assertThat(capture.captures(15999)).isFalse();
    assertThat(capture.captures(15020)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "/app-health/web/readyz, web",
    "/app-lifecycle/web/prestopz, web",
    "/app-health/web, ",
    "/healthz/ready, ",
  })
  void agentPathsNameTheirContainer(String path, String container) {
    assertThat(Probes.containerOf(path)).isEqualTo(container);
  }
}
