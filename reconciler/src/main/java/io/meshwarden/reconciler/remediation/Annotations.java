package io.meshwarden.reconciler.remediation;

import java.util.Map;

/** Annotations the executor reads and writes. */
final class Annotations {

  /** Set on the pod template by {@code kubectl rollout restart}; we set it the same way. */
  static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  /** The request id that restarted this template: a redelivered request does not restart twice. */
  static final String REMEDIATION_ID = "meshwarden.io/remediation-id";

  /** {@code "false"} on a namespace or workload opts it out of remediation. */
  static final String OPT_OUT = "meshwarden.io/remediate";

  /** Istio's record of what it injected. */
  static final String SIDECAR_STATUS = "sidecar.istio.io/status";

  private Annotations() {}

  /** Whether {@code annotations} opt out. */
  static boolean optedOut(Map<String, String> annotations) {
    return annotations != null && "false".equalsIgnoreCase(annotations.get(OPT_OUT));
  }
}
