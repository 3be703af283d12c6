package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.meshwarden.testkit.sim.inject.IstioNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The status a kubelet would report for a pod of a given age: Pending, then Running with containers
 * started, then Ready; a crash-looping proxy restarts and keeps the pod unready, a never-ready one
 * stays unready; a Job pod's app exits 0 after its run time, and the pod succeeds unless a classic
 * (non-native) {@code istio-proxy} keeps it running.
 */
final class PodStatusModel {

  private PodStatusModel() {}

  static PodStatus status(
      Pod pod, Duration age, KubeletSettings k, ProxyFault fault, String startTime) {
    List<Container> containers = pod.getSpec().getContainers();
    List<Container> inits =
        pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
    boolean nativeProxy =
        inits.stream().anyMatch(c -> IstioNames.PROXY_CONTAINER.equals(c.getName()));
    boolean classicProxy =
        containers.stream().anyMatch(c -> IstioNames.PROXY_CONTAINER.equals(c.getName()));
    if (age.compareTo(k.startDelay()) < 0) {
      return new PodStatusBuilder()
          .withPhase("Pending")
          .withConditions(condition("PodScheduled", true))
          .withContainerStatuses(
              containers.stream().map(c -> waiting(c, "ContainerCreating", 0)).toList())
          .build();
    }
    boolean isJob = isJobPod(pod);
    boolean appDone = isJob && age.compareTo(k.startDelay().plus(k.jobRunTime())) >= 0;
    boolean timeReady = age.compareTo(k.readyDelay()) >= 0;
    int restarts =
        fault == ProxyFault.CRASH_LOOP
            ? 1
                + (int)
                    (age.minus(k.startDelay()).toMillis() / Math.max(1, k.crashPeriod().toMillis()))
            : 0;
    boolean proxyReady = timeReady && fault == ProxyFault.NONE;
    List<ContainerStatus> statuses = new ArrayList<>();
    for (Container c : containers) {
      if (IstioNames.PROXY_CONTAINER.equals(c.getName())) {
        statuses.add(proxy(c, fault, restarts, proxyReady));
      } else if (appDone) {
        statuses.add(terminated(c));
      } else {
        statuses.add(
            running(
                c, timeReady && (!classicProxy && !nativeProxy || fault == ProxyFault.NONE), 0));
      }
    }
    List<ContainerStatus> initStatuses = new ArrayList<>();
    for (Container c : inits) {
      initStatuses.add(
          IstioNames.PROXY_CONTAINER.equals(c.getName())
              ? proxy(c, fault, restarts, proxyReady)
              : terminated(c));
    }
    boolean allReady =
        statuses.stream().allMatch(ContainerStatus::getReady)
            && initStatuses.stream()
                .filter(s -> IstioNames.PROXY_CONTAINER.equals(s.getName()))
                .allMatch(ContainerStatus::getReady);
    String phase = appDone && !classicProxy ? "Succeeded" : "Running";
    boolean ready = allReady && !appDone;
    return new PodStatusBuilder()
        .withPhase(phase)
        .withStartTime(startTime)
        .withHostIP("10.0.0.1")
        .withPodIP("10.1." + (Math.abs(pod.getMetadata().getName().hashCode()) % 250) + ".1")
        .withQosClass("BestEffort")
        .withConditions(
            condition("PodScheduled", true),
            condition("Initialized", true),
            condition("ContainersReady", ready),
            condition("Ready", ready))
        .withContainerStatuses(statuses)
        .withInitContainerStatuses(initStatuses.isEmpty() ? null : initStatuses)
        .build();
  }

  static boolean isJobPod(Pod pod) {
    return pod.getMetadata().getOwnerReferences() != null
        && pod.getMetadata().getOwnerReferences().stream().anyMatch(o -> "Job".equals(o.getKind()));
  }

  /** What the kubelet compares to decide whether to write: phase, conditions, container states. */
  static String signature(PodStatus status) {
    if (status == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(String.valueOf(status.getPhase()));
    if (status.getConditions() != null) {
      status
          .getConditions()
          .forEach(c -> out.append('|').append(c.getType()).append('=').append(c.getStatus()));
    }
    List<ContainerStatus> all = new ArrayList<>();
    if (status.getInitContainerStatuses() != null) {
      all.addAll(status.getInitContainerStatuses());
    }
    if (status.getContainerStatuses() != null) {
      all.addAll(status.getContainerStatuses());
    }
    for (ContainerStatus c : all) {
      out.append('|')
          .append(c.getName())
          .append(':')
          .append(c.getReady())
          .append(':')
          .append(c.getRestartCount());
      if (c.getState() != null) {
        out.append(
            c.getState().getRunning() != null
                ? "R"
                : c.getState().getWaiting() != null ? "W" : "T");
      }
    }
    return out.toString();
  }

  private static ContainerStatus proxy(Container c, ProxyFault fault, int restarts, boolean ready) {
    if (fault == ProxyFault.CRASH_LOOP) {
      return waiting(c, "CrashLoopBackOff", restarts);
    }
    return running(c, ready, 0);
  }

  private static ContainerStatus running(Container c, boolean ready, int restarts) {
    return base(c, ready, restarts)
        .withNewState()
        .withNewRunning()
        .withStartedAt("2025-01-01T00:00:00Z")
        .endRunning()
        .endState()
        .withStarted(true)
        .build();
  }

  private static ContainerStatus waiting(Container c, String reason, int restarts) {
    return base(c, false, restarts)
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .endWaiting()
        .endState()
        .withStarted(false)
        .build();
  }

  private static ContainerStatus terminated(Container c) {
    return base(c, false, 0)
        .withNewState()
        .withNewTerminated()
        .withExitCode(0)
        .withReason("Completed")
        .endTerminated()
        .endState()
        .withStarted(false)
        .build();
  }

  private static ContainerStatusBuilder base(Container c, boolean ready, int restarts) {
    return new ContainerStatusBuilder()
        .withName(c.getName())
        .withImage(c.getImage())
        .withImageID(c.getImage())
        .withReady(ready)
        .withRestartCount(restarts);
  }

  private static PodCondition condition(String type, boolean status) {
    return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False").build();
  }
}
