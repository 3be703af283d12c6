package io.meshwarden.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeartbeatCheckTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final HeartbeatCheck check =
      new HeartbeatCheck("poll-loop", Duration.ofSeconds(30), clock);

  @Test
  void staysUpWithinTheAllowedSilenceCountingFromConstruction() {
    clock.advance(Duration.ofSeconds(30));

    assertThat(check.check().healthy()).isTrue();
  }

  @Test
  void goesDownWhenTheLoopStopsBeatingAndUpAgainOnTheNextBeat() {
    clock.advance(Duration.ofSeconds(31));
    HealthCheck.Result stalled = check.check();
    check.beat();

    assertThat(stalled).isEqualTo(HealthCheck.Result.down("no heartbeat for PT31S (limit PT30S)"));
    assertThat(check.check().healthy()).isTrue();
  }
}
