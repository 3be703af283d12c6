package io.meshwarden.testkit.sim;

import java.time.Duration;

/**
 * The simulated kubelet's timings.
 *
 * @param startDelay Pending → Running after this long
 * @param readyDelay Running → Ready this long after creation
 * @param jobRunTime how long a Job pod's app runs before it exits 0
 * @param crashPeriod a crash-looping proxy restarts once per period
 */
public record KubeletSettings(
    Duration startDelay, Duration readyDelay, Duration jobRunTime, Duration crashPeriod) {

  /** 1 s to start, ready at 2 s, Job pods run 5 s, crash-loops every 10 s. */
  public static KubeletSettings defaults() {
    return new KubeletSettings(
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10));
  }
}
