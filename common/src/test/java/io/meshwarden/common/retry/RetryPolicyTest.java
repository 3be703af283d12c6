package io.meshwarden.common.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class RetryPolicyTest {

  final ItemExponentialRateLimiter<String> limiter =
      new ItemExponentialRateLimiter<>(
          new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4)));

  @Test
  void retriesAtWarnUntilTheBudgetIsSpentThenGivesUpAtErrorAndForgets() {
    RetryPolicy<String> policy = new RetryPolicy<>(limiter, 3);

    RetryPolicy.Verdict first = policy.failed("k", true);
    RetryPolicy.Verdict second = policy.failed("k", true);
    RetryPolicy.Verdict third = policy.failed("k", true);

    assertThat(first).isEqualTo(new RetryPolicy.Retry(Duration.ofSeconds(1), 1));
    assertThat(first.level()).isEqualTo(Level.WARN);
    assertThat(second).isEqualTo(new RetryPolicy.Retry(Duration.ofSeconds(2), 2));
    assertThat(third).isEqualTo(new RetryPolicy.GiveUp(3));
    assertThat(third.level()).isEqualTo(Level.ERROR);
    assertThat(limiter.tracked()).isZero();
  }

  @Test
  void aFailureThatCannotBeRetriedGivesUpAtOnce() {
    RetryPolicy<String> policy = new RetryPolicy<>(limiter, 10);
    policy.failed("k", true);

    assertThat(policy.failed("k", false)).isEqualTo(new RetryPolicy.GiveUp(2));
    assertThat(limiter.tracked()).isZero();
  }

  @Test
  void successStartsTheNextFailureFromTheShortestWait() {
    RetryPolicy<String> policy = RetryPolicy.forever(limiter);
    policy.failed("k", true);
    policy.failed("k", true);

    policy.succeeded("k");

    assertThat(policy.failed("k", true)).isEqualTo(new RetryPolicy.Retry(Duration.ofSeconds(1), 1));
  }

  @Test
  void abandoningCountsOnlyTheAttemptsMade() {
    RetryPolicy<String> policy = new RetryPolicy<>(limiter, 10);
    policy.failed("k", true);
    policy.failed("k", true);

    assertThat(policy.abandon("k")).isEqualTo(2);
    assertThat(limiter.tracked()).isZero();
  }
}
