package io.meshwarden.core.model;

import java.util.List;

/**
 * What actually runs in a pod (istio.md §2 and §5): whether and how it was injected, by which
 * revision, with which image, how the proxy is doing, and whether probe rewriting is in force.
 *
 * @param mode no proxy, a classic sidecar container, or a native sidecar (init container with
 *     restartPolicy Always)
 * @param revision the istiod revision that injected, from {@code sidecar.istio.io/status} (else the
 *     pod annotation {@code istio.io/rev}); null when unknown
 * @param image the proxy image the spec runs; null without a proxy
 * @param ready whether the proxy container reports ready
 * @param restarts the proxy container's restart count
 * @param crashLooping whether the proxy waits in {@code CrashLoopBackOff}
 * @param probesRewritten whether app probes point at the agent ({@code /app-health/...})
 * @param appProbers the probe paths the agent serves ({@code ISTIO_KUBE_APP_PROBERS} keys)
 */
public record ProxyState(
    Mode mode,
    String revision,
    String image,
    boolean ready,
    int restarts,
    boolean crashLooping,
    boolean probesRewritten,
    List<String> appProbers) {

  /** How the proxy is attached. */
  public enum Mode {
    NONE,
    CLASSIC,
    NATIVE
  }

  public ProxyState {
    appProbers = appProbers == null ? List.of() : List.copyOf(appProbers);
  }

  /** A pod with no proxy. */
  public static final ProxyState NONE =
      new ProxyState(Mode.NONE, null, null, false, 0, false, false, List.of());

  public boolean injected() {
    return mode != Mode.NONE;
  }
}
