package io.meshwarden.core.lifecycle;

import io.meshwarden.common.protocol.Finding;
import java.time.Instant;
import java.util.Objects;

/**
 * What the lifecycle remembers about one fingerprint, in the changelogged open-set store. This is
 * the whole memory of the lifecycle: a restarted or moved shard reads it back and carries on
 * without re-opening or losing a finding.
 *
 * @param phase where the finding stands
 * @param finding for {@link Phase#PENDING} the latest result (not yet published); otherwise the
 *     finding as last published
 * @param since when the condition was first seen true in its current run (the start of the {@code
 *     for} hold)
 * @param observedAt when the watcher observed the fact change that led to the latest transition,
 *     for end-to-end latency; may be null
 */
public record Tracked(Phase phase, Finding finding, Instant since, Instant observedAt) {

  /** Lifecycle phase; only OPEN and RESOLVED are ever published. */
  public enum Phase {
    /** True, but not yet for its {@code for} duration: not published. */
    PENDING,
    /** Published as OPEN. */
    OPEN,
    /** Published as RESOLVED; tombstoned after the retention. */
    RESOLVED
  }

  public Tracked {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(since, "since");
  }

  /** The fingerprint this entry tracks. */
  public String fingerprint() {
    return finding.fingerprint();
  }
}
