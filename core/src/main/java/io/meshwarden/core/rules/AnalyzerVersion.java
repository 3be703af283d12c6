package io.meshwarden.core.rules;

import io.meshwarden.core.model.IstioVersion;
import io.meshwarden.core.model.MeshView;

/**
 * The Istio release whose analyzer semantics the configuration rules apply. istioctl judges
 * configuration by its own release; meshwarden takes the release of the control plane's default
 * revision ({@link MeshView#semantics}: the newest release meshwarden models when that is unknown,
 * or the one {@code analyze --istio-version} assumed).
 */
final class AnalyzerVersion {

  private AnalyzerVersion() {}

  /** The release whose configuration analyzers the rules follow for {@code mesh}. */
  static IstioVersion of(MeshView mesh) {
    return mesh.semantics(mesh.defaultRevision().orElse(null));
  }
}
