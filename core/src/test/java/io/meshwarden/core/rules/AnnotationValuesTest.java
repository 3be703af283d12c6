package io.meshwarden.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The injector's annotation checks, in its own words (pkg/kube/inject/validate.go, 1.22–1.28). */
class AnnotationValuesTest {

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "sidecar.istio.io/interceptionMode|redirect|interceptionMode invalid, use REDIRECT,TPROXY,NONE: redirect",
        "sidecar.istio.io/interceptionMode|NONE|",
        "status.sidecar.istio.io/port|70000|excludeInboundPorts invalid: failed parsing port '70000': strconv.ParseUint: parsing \"70000\": value out of range",
        "status.sidecar.istio.io/port|' 15021 '|",
        "readiness.status.sidecar.istio.io/periodSeconds|-1|strconv.ParseUint: parsing \"-1\": invalid syntax",
        "readiness.status.sidecar.istio.io/periodSeconds|4294967295|",
        "readiness.status.sidecar.istio.io/periodSeconds|4294967296|strconv.ParseUint: parsing \"4294967296\": value out of range",
        "traffic.sidecar.istio.io/excludeInboundPorts|80,|excludeInboundPorts invalid: failed parsing port '': failed parsing port '': strconv.ParseUint: parsing \"\": invalid syntax",
        "traffic.sidecar.istio.io/excludeInboundPorts|' 80, 443 '|",
        "traffic.sidecar.istio.io/includeInboundPorts|*|",
        "traffic.sidecar.istio.io/excludeOutboundPorts|http|excludeOutboundPorts invalid: failed parsing port 'http': failed parsing port 'http': strconv.ParseUint: parsing \"http\": invalid syntax",
        "traffic.sidecar.istio.io/includeOutboundIPRanges|*|",
        "traffic.sidecar.istio.io/includeOutboundIPRanges|10.0.0.0/33|includeIPRanges invalid: failed parsing cidr '10.0.0.0/33': not a valid prefix",
        "traffic.sidecar.istio.io/excludeOutboundIPRanges|10.0.0.0|excludeIPRanges invalid: failed parsing cidr '10.0.0.0': not a valid prefix",
        "traffic.sidecar.istio.io/excludeOutboundIPRanges|010.0.0.0/8|excludeIPRanges invalid: failed parsing cidr '010.0.0.0/8': not a valid prefix",
        "traffic.sidecar.istio.io/excludeOutboundIPRanges|10.1.2.3/8,2001:db8::/32|",
        "traffic.sidecar.istio.io/excludeOutboundIPRanges|fe80::1%eth0/64|excludeIPRanges invalid: failed parsing cidr 'fe80::1%eth0/64': not a valid prefix",
        "prometheus.istio.io/merge-metrics|True|",
        "prometheus.istio.io/merge-metrics|yes|strconv.ParseBool: parsing \"yes\": invalid syntax",
        "traffic.sidecar.istio.io/includeOutboundPorts|junk|",
        "proxy.istio.io/config|not yaml: [|",
      })
  void checksAsTheInjectorDoes(String annotation, String value, String problem) {
    assertThat(AnnotationValues.problem(annotation, value).orElse(null)).isEqualTo(problem);
  }
}
