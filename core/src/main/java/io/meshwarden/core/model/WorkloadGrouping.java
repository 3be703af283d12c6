package io.meshwarden.core.model;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.OwnerRef;
import io.meshwarden.common.protocol.PodFacts;
import io.meshwarden.common.protocol.WorkloadFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups a namespace's pods under the workload findings are reported on. A pod owned by a
 * ReplicaSet belongs to the ReplicaSet's Deployment; when the ReplicaSet fact is absent, a
 * ReplicaSet name ending in {@code -<pod-template-hash>} names the Deployment.
 */
final class WorkloadGrouping {

  private WorkloadGrouping() {}

  static List<WorkloadView> group(
      String namespace, List<WorkloadFacts> workloads, List<PodView> pods) {
    Map<String, WorkloadFacts> byKey = new HashMap<>();
    for (WorkloadFacts w : workloads) {
      byKey.put(w.kind().name() + "/" + w.meta().name(), w);
    }
    Map<String, List<PodView>> podsByKey = new LinkedHashMap<>();
    Map<String, ObjectRef> refs = new LinkedHashMap<>();
    for (WorkloadFacts w : workloads) {
      if (w.kind() != FactKind.ReplicaSet || w.owner() == null) {
        ObjectRef ref = new ObjectRef(w.kind().name(), namespace, w.meta().name(), w.meta().uid());
        refs.put(key(ref), ref);
        podsByKey.put(key(ref), new ArrayList<>());
      }
    }
    for (PodView pod : pods) {
      if (finished(pod.facts())) {
        continue;
      }
      ObjectRef ref = ownerOf(pod.facts(), namespace, byKey);
      refs.putIfAbsent(key(ref), ref);
      podsByKey.computeIfAbsent(key(ref), k -> new ArrayList<>()).add(pod);
    }
    List<WorkloadView> result = new ArrayList<>(refs.size());
    refs.forEach((k, ref) -> result.add(new WorkloadView(ref, byKey.get(k), podsByKey.get(k))));
    return result;
  }

  private static String key(ObjectRef ref) {
    return ref.kind() + "/" + ref.name();
  }

  private static boolean finished(PodFacts pod) {
    String phase = pod.status().phase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  static ObjectRef ownerOf(PodFacts pod, String namespace, Map<String, WorkloadFacts> byKey) {
    OwnerRef owner = pod.owner();
    if (owner == null || owner.kind() == null || owner.name() == null) {
      return new ObjectRef("Pod", namespace, pod.meta().name(), pod.meta().uid());
    }
    if (!"ReplicaSet".equals(owner.kind())) {
      return new ObjectRef(owner.kind(), namespace, owner.name(), owner.uid());
    }
    WorkloadFacts rs = byKey.get("ReplicaSet/" + owner.name());
    if (rs != null) {
      OwnerRef deploy = rs.owner();
      return deploy == null
          ? new ObjectRef("ReplicaSet", namespace, owner.name(), owner.uid())
          : new ObjectRef(deploy.kind(), namespace, deploy.name(), deploy.uid());
    }
    String hash = pod.meta().labels().get(IstioKeys.POD_TEMPLATE_HASH);
    if (hash != null && owner.name().endsWith("-" + hash)) {
      String name = owner.name().substring(0, owner.name().length() - hash.length() - 1);
      WorkloadFacts d = byKey.get("Deployment/" + name);
      return new ObjectRef("Deployment", namespace, name, d == null ? null : d.meta().uid());
    }
    return new ObjectRef("ReplicaSet", namespace, owner.name(), owner.uid());
  }
}
