package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.core.model.IstioKeys;
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

  /** Whether the namespace asks for sidecars at all ({@code istio-injection} or a revision). */
  static boolean asksForSidecars(NamespaceFacts ns) {
    return "enabled".equals(label(ns, IstioKeys.ISTIO_INJECTION))
        || label(ns, IstioKeys.REV) != null;
  }
}
