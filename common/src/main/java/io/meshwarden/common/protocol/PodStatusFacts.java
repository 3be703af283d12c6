package io.meshwarden.common.protocol;

import java.util.List;

/** The parts of a pod's status the rules read: phase, node and per-container state. */
public record PodStatusFacts(
    String phase,
    String nodeName,
    List<ContainerStatusFacts> initContainerStatuses,
    List<ContainerStatusFacts> containerStatuses) {

  public PodStatusFacts {
    initContainerStatuses = Facts.list(initContainerStatuses);
    containerStatuses = Facts.list(containerStatuses);
  }

  /**
   * One container's state.
   *
   * @param image the image the kubelet reports running
   * @param waitingReason e.g. {@code CrashLoopBackOff}, or null when not waiting
   * @param lastTerminationReason e.g. {@code OOMKilled}, or null
   */
  public record ContainerStatusFacts(
      String name,
      String image,
      boolean ready,
      Boolean started,
      int restartCount,
      String waitingReason,
      String lastTerminationReason) {}
}
