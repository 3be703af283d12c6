package io.meshwarden.core.model;

import io.meshwarden.common.protocol.PodFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ProbeFacts;
import io.meshwarden.common.protocol.PodStatusFacts.ContainerStatusFacts;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a pod's {@link ProxyState} from its facts. */
public final class ProxyStateReader {

  /** The one field of the status annotation we need; a full JSON parse per pod is not needed. */
  private static final Pattern REVISION = Pattern.compile("\"revision\"\\s*:\\s*\"([^\"]*)\"");

  private ProxyStateReader() {}

  public static ProxyState read(PodFacts pod) {
    ProxyState.Mode mode = ProxyState.Mode.NONE;
    ContainerFacts proxy = find(pod.spec().containers(), IstioKeys.PROXY_CONTAINER);
    ContainerStatusFacts status = null;
    if (proxy != null) {
      mode = ProxyState.Mode.CLASSIC;
      status = findStatus(pod.status().containerStatuses());
    } else {
      ContainerFacts init = find(pod.spec().initContainers(), IstioKeys.PROXY_CONTAINER);
      if (init != null && "Always".equals(init.restartPolicy())) {
        proxy = init;
        mode = ProxyState.Mode.NATIVE;
        status = findStatus(pod.status().initContainerStatuses());
      }
    }
    if (proxy == null) {
      return ProxyState.NONE;
    }
    return new ProxyState(
        mode,
        revisionOf(pod),
        proxy.image() != null ? proxy.image() : status == null ? null : status.image(),
        status != null && status.ready(),
        status == null ? 0 : status.restartCount(),
        status != null && "CrashLoopBackOff".equals(status.waitingReason()),
        rewritten(pod.spec().containers()),
        proxy.appProbers());
  }

  /**
   * The revision from {@code sidecar.istio.io/status}, else the annotation {@code istio.io/rev}.
   */
  static String revisionOf(PodFacts pod) {
    String status = pod.meta().annotations().get(IstioKeys.STATUS);
    if (status != null) {
      Matcher m = REVISION.matcher(status);
      if (m.find() && !m.group(1).isEmpty()) {
        return m.group(1);
      }
    }
    return pod.meta().annotations().get(IstioKeys.REV);
  }

  private static boolean rewritten(List<ContainerFacts> containers) {
    for (ContainerFacts c : containers) {
      if (isRewritten(c.readinessProbe())
          || isRewritten(c.livenessProbe())
          || isRewritten(c.startupProbe())) {
        return true;
      }
    }
    return false;
  }

  /** A probe the injector rewrote: an HTTP GET to the agent's {@code /app-health/} paths. */
  public static boolean isRewritten(ProbeFacts probe) {
    return probe != null && probe.path() != null && probe.path().startsWith("/app-health/");
  }

  static ContainerFacts find(List<ContainerFacts> containers, String name) {
    for (ContainerFacts c : containers) {
      if (name.equals(c.name())) {
        return c;
      }
    }
    return null;
  }

  private static ContainerStatusFacts findStatus(List<ContainerStatusFacts> statuses) {
    for (ContainerStatusFacts s : statuses) {
      if (IstioKeys.PROXY_CONTAINER.equals(s.name())) {
        return s;
      }
    }
    return null;
  }
}
