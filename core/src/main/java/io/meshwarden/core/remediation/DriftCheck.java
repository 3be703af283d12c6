package io.meshwarden.core.remediation;

import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.ProxyImages;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a workload's live pods still drift from what the request expects: each active pod must
 * carry a sidecar injected by the expected revision, with the image that revision injects today —
 * or, for an unexpected sidecar ({@value #UNEXPECTED_SIDECAR}), no sidecar at all.
 */
public final class DriftCheck {

  /** The rule code of "a sidecar where none belongs": the restart must remove it. */
  public static final String UNEXPECTED_SIDECAR = "MW0002";

  private DriftCheck() {}

  /** Whether a request with {@code reasonCode} wants its pods to carry a sidecar. */
  public static boolean wantsSidecar(String reasonCode) {
    return !UNEXPECTED_SIDECAR.equals(reasonCode);
  }

  /**
   * The drift for a request with {@code reasonCode}; see {@link #drift(WorkloadSnapshot, MeshView,
   * String)}.
   */
  public static Optional<String> drift(
      WorkloadSnapshot workload, MeshView mesh, String revisionOrTag, String reasonCode) {
    if (wantsSidecar(reasonCode)) {
      return drift(workload, mesh, revisionOrTag);
    }
    return workload.activePods().stream()
        .filter(p -> p.proxyImage() != null)
        .findFirst()
        .map(p -> "pod " + p.name() + " still has a sidecar it should not have");
  }

  /** The first pod that drifts and how, or empty when every active pod is as expected. */
  public static Optional<String> drift(WorkloadSnapshot workload, MeshView mesh, String revisionOrTag) {
    Optional<String> revision = mesh.resolve(revisionOrTag);
    if (revision.isEmpty()) {
      return Optional.of("expected revision '" + revisionOrTag + "' is unknown");
    }
    for (PodState pod : workload.activePods()) {
      if (pod.proxyImage() == null) {
        return Optional.of("pod " + pod.name() + " has no sidecar");
      }
      if (!revision.get().equals(pod.sidecarRevision())) {
        return Optional.of(
            "pod "
                + pod.name()
                + " was injected by revision "
                + pod.sidecarRevision()
                + ", expected "
                + revision.get());
      }
      Optional<String> image = ProxyImages.expected(revision.get(), pod.annotations(), mesh);
      if (image.isPresent() && !Objects.equals(image.get(), pod.proxyImage())) {
        return Optional.of(
            "pod " + pod.name() + " runs proxy " + pod.proxyImage() + ", expected " + image.get());
      }
    }
    return Optional.empty();
  }

  /** The revision a request without one means: the policy's, else what the namespace asks for. */
  public static String expectedRevision(
      String requested, String policyRevision, WorkloadSnapshot workload, MeshView mesh) {
    if (requested != null && !requested.isEmpty()) {
      return requested;
    }
    if (policyRevision != null) {
      return policyRevision;
    }
    String label = workload.namespaceLabels().get("istio.io/rev");
    if (label != null) {
      return label;
    }
    return mesh.defaultRevision().orElse(MeshView.DEFAULT);
  }
}
