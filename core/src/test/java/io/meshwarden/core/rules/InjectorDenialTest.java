package io.meshwarden.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The injector refuses a pod whose Istio annotations fail its checks, and admits the others. */
class InjectorDenialTest {

  @Test
  void aPortListWithAWordIsDenied() {
    assertThat(
            InvalidAnnotationRule.injectorDenial(
                Map.of("traffic.sidecar.istio.io/excludeInboundPorts", "80,not-a-port")))
        .hasValueSatisfying(p -> assertThat(p).startsWith("traffic.sidecar.istio.io/"));
  }

  @Test
  void validOrUncheckedAnnotationsAreAdmitted() {
    assertThat(
            InvalidAnnotationRule.injectorDenial(
                Map.of(
                    "traffic.sidecar.istio.io/excludeInboundPorts", "80,8080",
                    "sidecar.istio.io/interceptionMode", "REDIRECT",
                    "example.com/anything", "x")))
        .isEmpty();
  }
}
