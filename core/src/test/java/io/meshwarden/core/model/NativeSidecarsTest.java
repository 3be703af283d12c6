package io.meshwarden.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expected proxy shape per era (istio.md §2): env flag, kubelet under auto, annotation. */
class NativeSidecarsTest {

  @ParameterizedTest(name = "{0} env={1} annotation={2} kubelet>=1.33={3} -> {4}")
  @CsvSource(
      nullValues = "null",
      value = {
        // Up to 1.26 the flag defaults to false; the kubelet does not matter.
        "1.26.2, null, null, true, false",
        "1.26.2, true, null, false, true",
        // 1.24-1.26: a present annotation decides alone, only 'true' enables.
        "1.25.0, true, yes, true, false",
        "1.25.0, null, true, true, true",
        "1.24.0, true, false, true, false",
        // Up to 1.23 the annotation is ignored.
        "1.23.1, null, true, true, false",
        // From 1.27 the default is auto: the kubelet decides, unknown stays unknown.
        "1.27.0, null, null, true, true",
        "1.27.0, null, null, false, false",
        "1.27.0, null, null, null, unknown",
        "1.27.0, false, null, true, false",
        // From 1.27 a non-empty annotation enables unless it is 'false'.
        "1.27.0, false, yes, false, true",
        "1.28.0, true, false, true, false",
        "1.28.0, null, '', null, unknown",
      })
  void expectsTheShapeTheReleaseInjects(
      String version, Boolean env, String annotation, Boolean kubelet, String expected) {
    Map<String, String> annotations =
        annotation == null ? Map.of() : Map.of(IstioKeys.NATIVE_SIDECAR, annotation);

    Optional<Boolean> shape =
        NativeSidecars.expected(
            IstioVersion.parse(version).orElseThrow(),
            env,
            annotations,
            Optional.ofNullable(kubelet));

    assertThat(shape.map(String::valueOf).orElse("unknown")).isEqualTo(expected);
  }
}
