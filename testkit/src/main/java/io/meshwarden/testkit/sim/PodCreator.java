package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Creates pods the way the API server does: admission (the sidecar injector) first, then the store.
 * A slow injector holds the creation for its latency in simulated time; controllers count those
 * in-flight pods as theirs (like the ReplicaSet controller's expectations) so they do not create
 * twice. It also stands in for the scheduler, placing each pod on a node at creation.
 */
final class PodCreator {

  private final KubernetesClient client;
  private final SidecarInjector injector;
  private final SimClock clock;
  private final EventLog events;
  private final List<String> nodes;
  private final List<Held> held = new ArrayList<>();
  private int nextNode;

  private record Held(Instant due, Admission admission) {}

  PodCreator(
      KubernetesClient client,
      SidecarInjector injector,
      SimClock clock,
      EventLog events,
      List<String> nodes) {
    this.client = client;
    this.injector = injector;
    this.clock = clock;
    this.events = events;
    this.nodes = nodes;
  }

  /**
   * Admits and stores {@code pod}; returns the stored pod, or null when admission rejected it or
   * holds it (slow injector) or the API refused it.
   */
  synchronized Pod create(Pod pod) {
    if (pod.getSpec().getNodeName() == null && !nodes.isEmpty()) {
      pod.getSpec().setNodeName(nodes.get(nextNode++ % nodes.size()));
    }
    Admission admission = injector.admit(pod);
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    if (admission.rejected()) {
      events.record(SimEvent.Type.POD_REJECTED, ns, name, admission.reason());
      return null;
    }
    if (!admission.latency().isZero() && clock.isManual()) {
      held.add(new Held(clock.instant().plus(admission.latency()), admission));
      return null;
    }
    return store(admission);
  }

  /** Stores held pods whose admission latency has passed; true if any. */
  synchronized boolean releaseDue() {
    boolean any = false;
    Instant now = clock.instant();
    for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
      Held h = it.next();
      if (!now.isBefore(h.due())) {
        it.remove();
        store(h.admission());
        any = true;
      }
    }
    return any;
  }

  /** Pods held in admission for the owner with this uid. */
  synchronized int heldFor(String ownerUid) {
    int count = 0;
    for (Held h : held) {
      List<OwnerReference> owners = h.admission().pod().getMetadata().getOwnerReferences();
      if (owners != null && owners.stream().anyMatch(o -> ownerUid.equals(o.getUid()))) {
        count++;
      }
    }
    return count;
  }

  private Pod store(Admission admission) {
    Pod pod = admission.pod();
    try {
      Pod stored = client.resource(pod).create();
      events.record(
          admission.injected()
              ? SimEvent.Type.POD_CREATED_WITH_SIDECAR
              : SimEvent.Type.POD_CREATED_WITHOUT_SIDECAR,
          pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(),
          (admission.injected() ? "revision " + admission.revision() + "; " : "")
              + admission.reason());
      return stored;
    } catch (KubernetesClientException e) {
      events.record(
          SimEvent.Type.POD_REJECTED,
          pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(),
          "API " + e.getCode());
      return null;
    }
  }
}
