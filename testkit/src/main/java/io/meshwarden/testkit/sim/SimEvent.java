package io.meshwarden.testkit.sim;

import java.time.Instant;

/**
 * One thing the simulator did, for tests to assert on.
 *
 * @param at simulated time
 * @param type what happened
 * @param namespace the object's namespace, or empty for cluster-wide events
 * @param name the object's name (pod, workload, revision, fault)
 * @param detail free text: the revision that injected, the reason it did not, the fault's shape
 */
public record SimEvent(Instant at, Type type, String namespace, String name, String detail) {

  /** Kinds of events. */
  public enum Type {
    POD_CREATED_WITH_SIDECAR,
    POD_CREATED_WITHOUT_SIDECAR,
    POD_REJECTED,
    POD_RUNNING,
    POD_READY,
    POD_DELETED,
    PROXY_CRASHED,
    ROLLOUT_STARTED,
    ROLLOUT_FINISHED,
    REVISION_INSTALLED,
    REVISION_UPGRADED,
    TAG_SET,
    FAULT_STARTED,
    FAULT_ENDED
  }

  @Override
  public String toString() {
    return at + " " + type + " " + namespace + "/" + name + (detail.isEmpty() ? "" : " " + detail);
  }
}
