package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kubelets of every simulated node: each pod's status follows {@link PodStatusModel} by its age
 * in simulated time (from when the kubelet first saw it), and is written with {@code updateStatus}
 * only when it changes.
 */
final class Kubelet implements Controller {

  private final KubernetesClient client;
  private final Listings listings;
  private final SimClock clock;
  private final EventLog events;
  private final Map<String, Instant> firstSeen = new HashMap<>();
  private final Map<String, ProxyFault> workloadFaults = new HashMap<>();
  private volatile KubeletSettings settings = KubeletSettings.defaults();

  Kubelet(KubernetesClient client, Listings listings, SimClock clock, EventLog events) {
    this.client = client;
    this.listings = listings;
    this.clock = clock;
    this.events = events;
  }

  void settings(KubeletSettings settings) {
    this.settings = settings;
  }

  /** Pods of {@code namespace} whose name starts with {@code workload-} get this proxy fault. */
  synchronized void proxyFault(String namespace, String workload, ProxyFault fault) {
    workloadFaults.put(namespace + "/" + workload, fault);
  }

  @Override
  public synchronized boolean reconcile() {
    Instant now = clock.instant();
    List<Pod> pods = listings.pods(client);
    Set<String> alive = new HashSet<>();
    boolean changed = false;
    for (Pod pod : pods) {
      String uid = pod.getMetadata().getUid();
      alive.add(uid);
      Instant seen = firstSeen.computeIfAbsent(uid, k -> now);
      if (!Pods.isActive(pod)) {
        continue;
      }
      PodStatus next =
          PodStatusModel.status(
              pod, Duration.between(seen, now), settings, fault(pod), seen.toString());
      if (!PodStatusModel.signature(next).equals(PodStatusModel.signature(pod.getStatus()))) {
        try {
          client.resource(new PodBuilder(pod).withStatus(next).build()).updateStatus();
          logTransition(pod, next);
          changed = true;
        } catch (KubernetesClientException e) {
          changed = true; // stale or faulted: next pass
        }
      }
    }
    firstSeen.keySet().retainAll(alive);
    return changed;
  }

  private ProxyFault fault(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    ProxyFault own =
        ProxyFault.parse(annotations == null ? null : annotations.get(ProxyFault.ANNOTATION));
    if (own != ProxyFault.NONE) {
      return own;
    }
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    for (Map.Entry<String, ProxyFault> rule : workloadFaults.entrySet()) {
      String prefix = rule.getKey();
      if ((ns + "/" + name).startsWith(prefix + "-")) {
        return rule.getValue();
      }
    }
    return ProxyFault.NONE;
  }

  private void logTransition(Pod pod, PodStatus next) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    PodStatus before = pod.getStatus();
    String phaseBefore = before == null ? null : before.getPhase();
    if ("Running".equals(next.getPhase()) && !"Running".equals(phaseBefore)) {
      events.record(SimEvent.Type.POD_RUNNING, ns, name, "");
    }
    if (Pods.isReady(next) && !Pods.isReady(pod)) {
      events.record(SimEvent.Type.POD_READY, ns, name, "");
    }
    int restartsBefore = restarts(before);
    if (restarts(next) > restartsBefore) {
      events.record(SimEvent.Type.PROXY_CRASHED, ns, name, "restarts " + restarts(next));
    }
  }

  private static int restarts(PodStatus status) {
    if (status == null) {
      return 0;
    }
    int sum = 0;
    if (status.getContainerStatuses() != null) {
      sum +=
          status.getContainerStatuses().stream()
              .mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount())
              .sum();
    }
    if (status.getInitContainerStatuses() != null) {
      sum +=
          status.getInitContainerStatuses().stream()
              .mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount())
              .sum();
    }
    return sum;
  }
}
