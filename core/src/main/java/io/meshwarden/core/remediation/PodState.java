package io.meshwarden.core.remediation;

import java.util.Map;

/**
 * What the executor needs to know about one live pod of a workload.
 *
 * @param active not finished and not being deleted
 * @param proxyImage the {@code istio-proxy} container's image, or null without a sidecar
 * @param sidecarRevision the revision in {@code sidecar.istio.io/status}, or null
 */
public record PodState(
    String name,
    boolean active,
    boolean ready,
    Map<String, String> annotations,
    String proxyImage,
    String sidecarRevision) {

  public PodState {
    annotations = Map.copyOf(annotations);
  }

  /** The remediation that created this pod's template, or null. */
  public String remediationId() {
    return annotations.get(Annotations.REMEDIATION_ID);
  }
}
