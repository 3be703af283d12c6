package io.meshwarden.core.rules;

import io.meshwarden.core.model.IstioVersion;
import io.meshwarden.core.model.MeshView;

/**
 * The Istio release whose analyzer semantics the configuration rules apply. istioctl judges
 * configuration by its own release; meshwarden takes the release of the control plane's default
 * revision. Until the control-plane model tells the version of a revision, this is the newest
 * release meshwarden models ({@link IstioVersion#NEWEST}).
 */
final class AnalyzerVersion {

  private AnalyzerVersion() {}

  /** The release whose configuration analyzers the rules follow for {@code mesh}. */
  static IstioVersion of(MeshView mesh) {
    return IstioVersion.NEWEST;
  }
}
