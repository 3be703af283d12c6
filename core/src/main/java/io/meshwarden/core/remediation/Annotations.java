package io.meshwarden.core.remediation;

import java.util.Map;

/** Annotations the executor reads and writes. */
public final class Annotations {

  /** Set on the pod template by {@code kubectl rollout restart}; we set it the same way. */
  public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  /** The request id that restarted this template: a redelivered request does not restart twice. */
  public static final String REMEDIATION_ID = "meshwarden.io/remediation-id";

  /** {@code "false"} on a namespace or workload opts it out of remediation. */
  public static final String OPT_OUT = "meshwarden.io/remediate";

  /** Istio's record of what it injected. */
  public static final String SIDECAR_STATUS = "sidecar.istio.io/status";

  private Annotations() {}

  /** Whether {@code annotations} opt out. */
  public static boolean optedOut(Map<String, String> annotations) {
    return annotations != null && "false".equalsIgnoreCase(annotations.get(OPT_OUT));
  }
}
