package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;

/**
 * What pod admission decided.
 *
 * @param pod the pod to store (mutated when injected), or null when rejected
 * @param injected whether a sidecar was added
 * @param revision the injecting revision, or empty
 * @param reason why (webhook and rule, or the failure)
 * @param latency how long the webhook call took
 */
record Admission(Pod pod, boolean injected, String revision, String reason, Duration latency) {

  boolean rejected() {
    return pod == null;
  }
}
