package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodShape;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The Deployments istioctl's Service-association checks (IST0116, IST0137) look at, and the
 * Services it associates with them.
 */
final class Deployments {

  /** The Deployment label value of waypoints, which istioctl skips. */
  static final String WAYPOINT_CONTROLLER = "istio.io-mesh-controller";

  private Deployments() {}

  /** The namespace's Deployments that are in the mesh and not waypoints, by name. */
  static List<WorkloadView> inMesh(NamespaceView namespace, MeshView mesh) {
    return namespace.workloads().stream()
        .filter(w -> w.facts() != null && w.facts().kind() == FactKind.Deployment)
        .filter(w -> w.facts().template() != null)
        .filter(
            w ->
                !WAYPOINT_CONTROLLER.equals(
                    w.facts().meta().labels().get(IstioKeys.GATEWAY_MANAGED)))
        .filter(w -> inMesh(PodShape.of(w.facts()), mesh))
        .sorted(Comparator.comparing(w -> w.ref().name()))
        .toList();
  }

  /**
   * Whether istioctl counts a pod template as in the mesh: it has an {@code istio-proxy} container
   * with an image; else its {@code sidecar.istio.io/inject} label decides ({@code true} only); else
   * the annotation of that name; else its namespace's {@code istio-injection=enabled}. A revision
   * label on the namespace does not count.
   */
  static boolean inMesh(PodShape template, MeshView mesh) {
    for (ContainerFacts c : template.spec().containers()) {
      if (IstioKeys.PROXY_CONTAINER.equals(c.name())) {
        if (c.image() != null && !c.image().isEmpty()) {
          return true;
        }
        break;
      }
    }
    String label = template.label(IstioKeys.INJECT);
    if (label != null) {
      return label.equals("true");
    }
    String annotation = template.annotation(IstioKeys.INJECT);
    if (annotation != null) {
      return annotation.equals("true");
    }
    return "enabled"
        .equals(mesh.namespaceLabels(template.namespace()).get(IstioKeys.ISTIO_INJECTION));
  }

  /** The Services of the Deployment's namespace whose non-empty selector picks its template. */
  static List<ServiceFacts> services(WorkloadView deployment, MeshView mesh) {
    String ns = deployment.ref().namespace();
    Map<String, String> labels = PodShape.of(deployment.facts()).labels();
    return mesh.services().stream()
        .filter(s -> s.meta().namespace().equals(ns) && !s.selector().isEmpty())
        .filter(s -> new LabelSelector(s.selector(), List.of()).matches(labels))
        .sorted(Comparator.comparing(s -> s.meta().name()))
        .toList();
  }

  /**
   * A key the Services give more than one distinct value: the values and the Services that give the
   * key.
   */
  record Conflict<K>(K key, Set<String> values, Set<String> services) {}

  /** Every key of the Services' ports with more than one distinct value, in key order. */
  static <K> List<Conflict<K>> conflicts(
      List<ServiceFacts> services,
      Function<ServiceFacts.ServicePort, K> key,
      Function<ServiceFacts.ServicePort, String> value) {
    Map<K, Set<String>> values = new TreeMap<>();
    Map<K, Set<String>> names = new TreeMap<>();
    for (ServiceFacts s : services) {
      for (ServiceFacts.ServicePort p : s.ports()) {
        values.computeIfAbsent(key.apply(p), k -> new TreeSet<>()).add(value.apply(p));
        names
            .computeIfAbsent(key.apply(p), k -> new TreeSet<>())
            .add(s.meta().namespace() + "/" + s.meta().name());
      }
    }
    List<Conflict<K>> out = new ArrayList<>();
    values.forEach(
        (k, v) -> {
          if (v.size() > 1) {
            out.add(new Conflict<>(k, v, names.get(k)));
          }
        });
    return out;
  }

  /** The L4 protocol of a port, TCP when unset. */
  static String protocol(ServiceFacts.ServicePort p) {
    return p.protocol() == null || p.protocol().isEmpty() ? "TCP" : p.protocol();
  }

  /** The targetPort of a port, its port number when unset or 0. */
  static String targetPort(ServiceFacts.ServicePort p) {
    String t = p.targetPort();
    return t == null || t.isEmpty() || t.equals("0") ? Integer.toString(p.port()) : t;
  }
}
