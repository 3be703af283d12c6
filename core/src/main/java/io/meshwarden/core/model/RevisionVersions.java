package io.meshwarden.core.model;

import io.meshwarden.common.protocol.PodSpecFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which Istio release each revision runs, as far as the input shows it, strongest source first:
 *
 * <ol>
 *   <li>the image tag of the running istiod pods ({@code discovery} container), the newest when a
 *       rollout mixes two: the injector's logic is compiled into that binary;
 *   <li>the image tag of the istiod Deployment's pod template (files often hold the Deployment
 *       without its pods);
 *   <li>{@code global.tag} in the {@code values} of ConfigMap {@code
 *       istio-sidecar-injector[-<rev>]} (the chart writes the release it installed there).
 * </ol>
 *
 * <p>A tag that names no release ({@code latest}, a digest, a development build) leaves the version
 * unknown. {@code assumed} (from {@code analyze --istio-version}) stands in for every revision the
 * input shows no version for, and for the assumed default revision of an input without a control
 * plane.
 */
public final class RevisionVersions {

  /** The container of the istiod pod that runs pilot-discovery. */
  static final String DISCOVERY_CONTAINER = "discovery";

  private final Map<String, IstioVersion> known;
  private final IstioVersion assumed;

  private RevisionVersions(Map<String, IstioVersion> known, IstioVersion assumed) {
    this.known = Map.copyOf(known);
    this.assumed = assumed;
  }

  /** Nothing known, nothing assumed. */
  public static RevisionVersions none() {
    return new RevisionVersions(Map.of(), null);
  }

  /** The release {@code revision} runs; empty when the input does not show it. */
  public Optional<IstioVersion> of(String revision) {
    String rev = revision == null ? MeshView.DEFAULT : revision;
    IstioVersion v = known.get(rev);
    return Optional.ofNullable(v != null ? v : assumed);
  }

  /** Revision to the release the input shows for it (assumptions excluded). */
  public Map<String, IstioVersion> known() {
    return known;
  }

  /** Collects the sources in any order and resolves them by strength. */
  static final class Collector {
    private final Map<String, IstioVersion> pods = new HashMap<>();
    private final Map<String, IstioVersion> deployments = new HashMap<>();
    private final Map<String, IstioVersion> injectors = new HashMap<>();
    private IstioVersion assumed;

    void istiodPod(String revision, PodSpecFacts spec) {
      discoveryVersion(spec).ifPresent(v -> pods.merge(revision, v, Collector::newer));
    }

    void istiodDeployment(String revision, PodSpecFacts spec) {
      discoveryVersion(spec).ifPresent(v -> deployments.merge(revision, v, Collector::newer));
    }

    void injector(String revision, String globalTag) {
      IstioVersion.parse(globalTag).ifPresent(v -> injectors.put(revision, v));
    }

    void assume(IstioVersion version) {
      assumed = version;
    }

    RevisionVersions build() {
      Map<String, IstioVersion> out = new HashMap<>(injectors);
      out.putAll(deployments);
      out.putAll(pods);
      return new RevisionVersions(out, assumed);
    }

    private static IstioVersion newer(IstioVersion a, IstioVersion b) {
      return a.compareTo(b) >= 0 ? a : b;
    }

    /** The {@code discovery} container's image version, else the only container's. */
    private static Optional<IstioVersion> discoveryVersion(PodSpecFacts spec) {
      if (spec == null) {
        return Optional.empty();
      }
      for (ContainerFacts c : spec.containers()) {
        if (DISCOVERY_CONTAINER.equals(c.name())) {
          return IstioVersion.ofImage(c.image());
        }
      }
      return spec.containers().size() == 1
          ? IstioVersion.ofImage(spec.containers().get(0).image())
          : Optional.empty();
    }
  }
}
