package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.InjectorConfigFacts;
import io.meshwarden.core.model.IstioVersion;
import io.meshwarden.core.model.MeshView;
import java.util.Map;
import java.util.Optional;

/**
 * Whether Istio rewrites a pod's probes, and under which release's rules (istio.md §5; {@code
 * app_probe.go} {@code ShouldRewriteAppHTTPProbers}, {@code webhook.go} {@code applyRewrite}).
 */
final class ProbeRewriting {

  /** The pod annotation that switches rewriting per pod. */
  static final String ANNOTATION = "sidecar.istio.io/rewriteAppHTTPProbers";

  private ProbeRewriting() {}

  /** Where the switch came from, for messages. */
  enum Source {
    ANNOTATION,
    INJECTOR_VALUES,
    DEFAULT
  }

  /** The switch and what set it. */
  record Switch(boolean on, Source source) {}

  /**
   * The switch as the injector of {@code revision} reads it: the annotation when it parses as a Go
   * bool, else {@code sidecarInjectorWebhook.rewriteAppHTTPProbe} of that revision's injector
   * values, else true (the chart's default).
   */
  static Switch of(Map<String, String> annotations, MeshView mesh, String revision) {
    Optional<Boolean> annotated = parseGoBool(annotations.get(ANNOTATION));
    if (annotated.isPresent()) {
      return new Switch(annotated.get(), Source.ANNOTATION);
    }
    Boolean value =
        revision == null
            ? null
            : mesh.injector(mesh.resolve(revision).orElse(revision))
                .map(InjectorConfigFacts::rewriteAppHTTPProbe)
                .orElse(null);
    return value == null
        ? new Switch(true, Source.DEFAULT)
        : new Switch(value, Source.INJECTOR_VALUES);
  }

  /**
   * Go's {@code strconv.ParseBool}: {@code 1 t T TRUE true True} and {@code 0 f F FALSE false
   * False}; empty for anything else (including {@code yes}, {@code on} and surrounding spaces).
   */
  static Optional<Boolean> parseGoBool(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return switch (value) {
      case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
      case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /**
   * The Istio release whose rewriting rules apply to pods of {@code revision}: the one it runs, or
   * the newest meshwarden models when that is unknown ({@link MeshView#semantics}).
   */
  static IstioVersion version(MeshView mesh, String revision) {
    return mesh.semantics(revision);
  }
}
