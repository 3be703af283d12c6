package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.WorkloadFacts;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What istioctl's annotation analyzer ({@code analyzers/annotations/annotations.go}, 1.22–1.28)
 * finds on one cluster: the Istio annotations of Namespaces, Services, Pods and Deployments (each
 * object's own {@code metadata.annotations}; a Deployment's pod template is not read), in that
 * analyzer's order per annotation: unknown (IST0108, nothing more), deprecated (IST0135, then on),
 * applies to any kind (done), misplaced (IST0107, done), invalid value (IST0125). Objects in the
 * four namespaces istioctl never loads are left out.
 */
final class AnnotationProblems {

  /** Which check an annotation failed. */
  enum Type {
    UNKNOWN,
    DEPRECATED,
    MISPLACED,
    INVALID
  }

  /**
   * One failed check.
   *
   * @param detail the allowed kinds for MISPLACED, the injector's words for INVALID, the extra
   *     phrase for DEPRECATED, empty for UNKNOWN
   */
  record Problem(Type type, ObjectRef subject, String annotation, String value, String detail) {}

  private AnnotationProblems() {}

  /**
   * The problems of {@code type} on mesh-wide objects: Namespaces and Services (evaluated once per
   * cluster, as the stream evaluates mesh rules).
   */
  static List<Problem> ofMesh(MeshView mesh, Type type) {
    List<Problem> out = new ArrayList<>();
    for (NamespaceFacts ns : mesh.namespaces().values()) {
      check("Namespace", Namespaces.ref(ns), ns.meta(), type, out);
    }
    for (ServiceFacts s : mesh.services()) {
      check("Service", ref("Service", s.meta()), s.meta(), type, out);
    }
    return out;
  }

  /** The problems of {@code type} on one namespace's Pods and Deployments. */
  static List<Problem> ofNamespace(NamespaceView ns, Type type) {
    List<Problem> out = new ArrayList<>();
    for (PodView p : ns.pods()) {
      check("Pod", ref("Pod", p.facts().meta()), p.facts().meta(), type, out);
    }
    for (WorkloadFacts w : ns.workloadFacts()) {
      if (w.kind() == FactKind.Deployment) {
        check("Deployment", ref("Deployment", w.meta()), w.meta(), type, out);
      }
    }
    return out;
  }

  private static ObjectRef ref(String kind, FactMeta meta) {
    return new ObjectRef(kind, meta.namespace(), meta.name(), meta.uid());
  }

  private static void check(
      String kind, ObjectRef subject, FactMeta meta, Type wanted, List<Problem> out) {
    String ns = kind.equals("Namespace") ? meta.name() : meta.namespace();
    if (IstioKeys.EXCLUDED_NAMESPACES.contains(ns)) {
      return;
    }
    // Sorted, so results come out in a stable order.
    for (Map.Entry<String, String> e : new TreeMap<>(meta.annotations()).entrySet()) {
      Problem p = problem(kind, subject, meta, e.getKey(), e.getValue(), wanted);
      if (p != null) {
        out.add(p);
      }
    }
  }

  /** The problem of {@code wanted} type that one annotation has, or null. */
  private static Problem problem(
      String kind, ObjectRef subject, FactMeta meta, String key, String value, Type wanted) {
    if (!IstioAnnotations.isIstio(key) || IstioAnnotations.ALWAYS_IGNORED.contains(key)) {
      return null;
    }
    IstioAnnotations.Definition def = IstioAnnotations.lookup(key);
    if (def == null) {
      return wanted == Type.UNKNOWN ? new Problem(wanted, subject, key, value, "") : null;
    }
    if (wanted == Type.DEPRECATED) {
      // The inject annotation beside the inject label is left alone: the owner keeps both on
      // purpose.
      boolean besideLabel = key.equals(IstioKeys.INJECT) && meta.labels().containsKey(key);
      if (!def.deprecated() || besideLabel) {
        return null;
      }
      String extra = key.equals(IstioKeys.INJECT) ? " in favor of the \"" + key + "\" label" : "";
      return new Problem(wanted, subject, key, value, extra);
    }
    if (def.anyKind()) {
      return null;
    }
    if (!def.kinds().contains(kind)) {
      return wanted == Type.MISPLACED
          ? new Problem(wanted, subject, key, value, String.join(", ", def.kinds()))
          : null;
    }
    if (wanted != Type.INVALID) {
      return null;
    }
    return AnnotationValues.problem(key, value)
        .map(d -> new Problem(wanted, subject, key, value, d))
        .orElse(null);
  }
}
