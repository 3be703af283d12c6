package io.meshwarden.core.remediation;

import io.meshwarden.core.policy.RemediationSettings;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A staged campaign: the requests of one policy for one reason and revision (say, every workload
 * after an in-place upgrade). With {@code canary}, one workload goes first; only when it verified
 * do waves of {@code waveSize} follow, each at least {@code minWaveInterval} after the last began
 * and only once the last one finished. A failed canary halts the campaign until the policy's resume
 * annotation is later than the halt.
 */
public final class Campaign {

  /** Where a campaign stands. */
  public enum Phase {
    CANARY,
    WAVES,
    HALTED
  }

  private Phase phase = Phase.CANARY;
  private String canaryId;
  private final Set<String> wave = new HashSet<>();
  private boolean waveFinishing;
  private Instant waveStartedAt;
  private Instant haltedAt;
  private String haltReason;
  private Instant lastActivity;

  public Phase phase() {
    return phase;
  }

  public String haltReason() {
    return haltReason;
  }

  public Instant lastActivity() {
    return lastActivity;
  }

  /**
   * Whether request {@code id} may start now; null when it may, else why it waits. A halted
   * campaign answers through {@link #halted(Instant)}.
   */
  public String admit(String id, RemediationSettings settings, Instant now) {
    lastActivity = now;
    if (!settings.canary()) {
      return null;
    }
    switch (phase) {
      case CANARY -> {
        if (canaryId == null || canaryId.equals(id)) {
          canaryId = id;
          waveStartedAt = now;
          return null;
        }
        return "waiting for canary " + canaryId;
      }
      case WAVES -> {
        if (wave.contains(id)) {
          return null;
        }
        boolean forming = !waveFinishing && wave.size() < settings.waveSize();
        if (forming && !wave.isEmpty()) {
          wave.add(id);
          return null;
        }
        boolean waveDone = wave.isEmpty();
        boolean spaced =
            waveStartedAt == null || !now.isBefore(waveStartedAt.plus(settings.minWaveInterval()));
        if (waveDone && spaced) {
          wave.add(id);
          waveFinishing = false;
          waveStartedAt = now;
          return null;
        }
        return waveDone ? "waiting for the wave interval" : "waiting for the current wave";
      }
      default -> {
        return "campaign halted";
      }
    }
  }

  /** Whether the campaign is halted at {@code now} (not resumed since). */
  public boolean halted(Instant resumeRequestedAt) {
    if (phase != Phase.HALTED) {
      return false;
    }
    if (resumeRequestedAt != null && resumeRequestedAt.isAfter(haltedAt)) {
      phase = Phase.WAVES;
      wave.clear();
      return false;
    }
    return true;
  }

  /** Request {@code id} finished; {@code ok} when it verified. Returns true when this halted it. */
  public boolean finished(String id, boolean ok, String reason, Instant now) {
    lastActivity = now;
    if (phase == Phase.CANARY && id.equals(canaryId)) {
      if (ok) {
        phase = Phase.WAVES;
        return false;
      }
      phase = Phase.HALTED;
      haltedAt = now;
      haltReason = "canary " + reason;
      return true;
    }
    if (wave.remove(id)) {
      waveFinishing = true;
    }
    if (wave.isEmpty()) {
      waveFinishing = false;
    }
    return false;
  }
}
