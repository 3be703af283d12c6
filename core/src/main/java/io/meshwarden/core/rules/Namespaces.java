package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import java.util.Set;

/** Namespace helpers for the namespace-label rules. */
final class Namespaces {

  /** Namespaces no injection advice applies to: the excluded ones plus the control plane's. */
  static final Set<String> SYSTEM =
      Set.of("kube-system", "kube-public", "kube-node-lease", "local-path-storage", "istio-system");

  private Namespaces() {}

  static ObjectRef ref(NamespaceFacts ns) {
    return new ObjectRef("Namespace", "", ns.meta().name(), ns.meta().uid());
  }

  static String label(NamespaceFacts ns, String key) {
    return ns.meta().labels().get(key);
  }

  static boolean ambient(NamespaceFacts ns) {
    return "ambient".equals(label(ns, IstioKeys.DATAPLANE_MODE));
  }

  /**
   * Whether istioctl's injection analyzer counts the namespace as unlabelled (istio.md §6
   * "Namespace labels"): {@code istio-injection} absent or empty, no {@code istio.io/rev}, not
   * ambient, and not one of the namespaces istioctl skips or never loads ({@link #SYSTEM}).
   */
  static boolean unlabelledForIstioctl(NamespaceFacts ns) {
    String injection = label(ns, IstioKeys.ISTIO_INJECTION);
    return !SYSTEM.contains(ns.meta().name())
        && (injection == null || injection.isEmpty())
        && label(ns, IstioKeys.REV) == null
        && !ambient(ns);
  }

  /**
   * Whether istioctl's injection analyzer reads {@code enableNamespacesByDefault=true} for an
   * unlabelled namespace: it reads ConfigMap {@code istio-sidecar-injector}, the revision-less
   * install's, whatever the default tag points at.
   */
  static boolean istioctlSeesNamespacesByDefault(MeshView mesh) {
    return mesh.injector(MeshView.DEFAULT)
        .map(i -> Boolean.TRUE.equals(i.enableNamespacesByDefault()))
        .orElse(false);
  }

  /** Whether the namespace asks for sidecars at all ({@code istio-injection} or a revision). */
  static boolean asksForSidecars(NamespaceFacts ns) {
    return "enabled".equals(label(ns, IstioKeys.ISTIO_INJECTION))
        || label(ns, IstioKeys.REV) != null;
  }
}
