package io.meshwarden.executor;

import java.time.Instant;

/**
 * A restart the executor follows until its pods settle, or its deadline passes.
 *
 * @param work the request and its offset
 * @param policy the governing policy's name
 * @param campaignKey its campaign, or null when the policy stages nothing
 * @param expectedRevision the revision its new pods must carry
 * @param adopted found already restarted by this request (a redelivery after a failover)
 */
record Rollout(
    Work work,
    String policy,
    String campaignKey,
    String expectedRevision,
    Instant startedAt,
    Instant deadline,
    boolean adopted) {

  String namespace() {
    return work.request().target().namespace();
  }
}
