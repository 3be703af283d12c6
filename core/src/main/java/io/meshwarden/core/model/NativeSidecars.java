package io.meshwarden.core.model;

import java.util.Map;
import java.util.Optional;

/**
 * Whether a revision injects {@code istio-proxy} as a native sidecar (an init container with {@code
 * restartPolicy: Always}) or as a classic container, by the release it runs (istio.md §2):
 *
 * <ul>
 *   <li>istiod's {@code ENABLE_NATIVE_SIDECARS}: a boolean defaulting to false up to 1.26; from
 *       1.27.0 {@code auto} by default, on when the pod's node runs kubelet 1.33 or later;
 *   <li>pod annotation {@code sidecar.istio.io/nativeSidecar}: ignored up to 1.23; 1.24–1.26 when
 *       present decides alone, only {@code true} enables; from 1.27.0 when non-empty, everything
 *       but {@code false} enables.
 * </ul>
 */
public final class NativeSidecars {

  private NativeSidecars() {}

  /**
   * The expected shape, or empty when it depends on what the input does not show (the kubelet's
   * version under {@code auto}).
   *
   * @param env {@code ENABLE_NATIVE_SIDECARS} as the injector ConfigMap's values carry it: true,
   *     false, or null when unset or {@code auto}
   * @param annotations the pod's annotations
   * @param kubeletAtLeast133 whether the pod's node (every node, for a pod not yet scheduled) runs
   *     kubelet 1.33 or later; empty when unknown
   */
  public static Optional<Boolean> expected(
      IstioVersion version,
      Boolean env,
      Map<String, String> annotations,
      Optional<Boolean> kubeletAtLeast133) {
    String annotation = annotations.get(IstioKeys.NATIVE_SIDECAR);
    if (version.atLeast(1, 27)) {
      if (annotation != null && !annotation.isEmpty()) {
        return Optional.of(!annotation.equals("false"));
      }
      return env != null ? Optional.of(env) : kubeletAtLeast133;
    }
    if (version.atLeast(1, 24) && annotation != null) {
      return Optional.of(annotation.equals("true"));
    }
    return Optional.of(Boolean.TRUE.equals(env));
  }
}
