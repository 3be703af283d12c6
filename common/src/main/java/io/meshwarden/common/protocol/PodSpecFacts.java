package io.meshwarden.common.protocol;

import java.util.List;

/**
 * What the rules need from a pod spec or a workload's pod template. Environment values, volume
 * contents and command lines are never part of it.
 *
 * @param initContainers init containers in order (a native sidecar is one with restartPolicy
 *     Always)
 * @param containers app containers in order
 * @param hostNetwork whether the pod uses the node's network (Istio never injects those)
 * @param runAsUser pod-level security context UID, if set
 * @param runAsGroup pod-level security context GID, if set
 * @param serviceAccountName the pod's service account
 */
public record PodSpecFacts(
    List<ContainerFacts> initContainers,
    List<ContainerFacts> containers,
    boolean hostNetwork,
    Long runAsUser,
    Long runAsGroup,
    String serviceAccountName) {

  public PodSpecFacts {
    initContainers = Facts.list(initContainers);
    containers = Facts.list(containers);
  }

  /**
   * One container.
   *
   * @param restartPolicy only for init containers: {@code Always} marks a native sidecar
   * @param runAsUser container-level UID, if set
   * @param appProbers for {@code istio-proxy} only: the keys of {@code ISTIO_KUBE_APP_PROBERS}
   *     (which probes the agent serves), never the variable's value itself
   * @param preStop the {@code lifecycle.preStop} handler (Istio 1.25+ rewrites httpGet and
   *     tcpSocket ones like probes), if set
   * @param postStart the {@code lifecycle.postStart} handler, if set
   */
  public record ContainerFacts(
      String name,
      String image,
      String restartPolicy,
      Long runAsUser,
      List<PortFacts> ports,
      ProbeFacts readinessProbe,
      ProbeFacts livenessProbe,
      ProbeFacts startupProbe,
      List<String> appProbers,
      ProbeFacts preStop,
      ProbeFacts postStart) {

    public ContainerFacts {
      ports = Facts.list(ports);
      appProbers = Facts.list(appProbers);
    }

    /** A container without lifecycle hooks. */
    public ContainerFacts(
        String name,
        String image,
        String restartPolicy,
        Long runAsUser,
        List<PortFacts> ports,
        ProbeFacts readinessProbe,
        ProbeFacts livenessProbe,
        ProbeFacts startupProbe,
        List<String> appProbers) {
      this(
          name,
          image,
          restartPolicy,
          runAsUser,
          ports,
          readinessProbe,
          livenessProbe,
          startupProbe,
          appProbers,
          null,
          null);
    }
  }

  /** A declared container port. */
  public record PortFacts(String name, int containerPort, String protocol) {}

  /**
   * A probe's or lifecycle hook's handler.
   *
   * @param type {@code httpGet}, {@code tcpSocket}, {@code grpc} or {@code exec}; for a lifecycle
   *     hook also {@code sleep}
   * @param port the port, numeric or named, as written
   * @param path the HTTP path
   * @param host the HTTP host override (breaks probe rewriting when set)
   * @param scheme HTTP or HTTPS
   */
  public record ProbeFacts(String type, String port, String path, String host, String scheme) {}
}
