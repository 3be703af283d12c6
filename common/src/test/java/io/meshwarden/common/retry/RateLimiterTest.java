package io.meshwarden.common.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  final ManualClock clock = new ManualClock();

  @Test
  void itemLimiterGrowsPerKeyAndStartsOverWhenForgotten() {
    var limiter =
        new ItemExponentialRateLimiter<String>(
            new ExponentialBackoff(Duration.ofMillis(5), Duration.ofMillis(40)));

    assertThat(limiter.when("a")).hasMillis(5);
    assertThat(limiter.when("a")).hasMillis(10);
    assertThat(limiter.when("b")).hasMillis(5);
    assertThat(limiter.when("a")).hasMillis(20);
    assertThat(limiter.when("a")).hasMillis(40);
    assertThat(limiter.when("a")).hasMillis(40);
    assertThat(limiter.retries("a")).isEqualTo(5);
    assertThat(limiter.retries("b")).isEqualTo(1);

    limiter.forget("a");

    assertThat(limiter.retries("a")).isZero();
    assertThat(limiter.when("a")).hasMillis(5);
  }

  @Test
  void itemLimiterHoldsOnlyKeysThatWereNotForgotten() {
    var limiter = new ItemExponentialRateLimiter<Integer>(ExponentialBackoff.CONTROLLER);
    for (int i = 0; i < 10_000; i++) {
      limiter.when(i);
      limiter.forget(i);
    }
    limiter.when(-1);

    assertThat(limiter.tracked()).isEqualTo(1);
  }

  @Test
  void itemLimiterCountsEveryFailureWhenCalledFromManyThreads() throws Exception {
    var limiter = new ItemExponentialRateLimiter<String>(ExponentialBackoff.CONTROLLER);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Duration>> calls = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        calls.add(() -> limiter.when("k"));
      }
      for (Future<Duration> f : pool.invokeAll(calls)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(limiter.retries("k")).isEqualTo(400);
  }

  @Test
  void bucketLetsABurstThroughThenSpacesCallsAtTheRate() {
    var bucket = new TokenBucketRateLimiter<String>(10, 2, clock); // one token per 100 ms

    assertThat(bucket.when("a")).isZero();
    assertThat(bucket.when("b")).isZero();
    assertThat(bucket.when("c")).hasMillis(100);
    assertThat(bucket.when("d")).hasMillis(200); // the third borrowed token, the fourth after it

    clock.advance(Duration.ofMillis(250));

    assertThat(bucket.when("e")).hasMillis(50);
  }

  @Test
  void bucketSavesAtMostItsBurst() {
    var bucket = new TokenBucketRateLimiter<String>(10, 2, clock);
    clock.advance(Duration.ofHours(1));

    assertThat(bucket.when("a")).isZero();
    assertThat(bucket.when("a")).isZero();
    assertThat(bucket.when("a")).hasMillis(100);
  }

  @Test
  void oneEveryKeepsCallsAnIntervalApart() {
    var bucket = TokenBucketRateLimiter.<String>oneEvery(Duration.ofSeconds(2), clock);

    assertThat(bucket.when("a")).isZero();
    clock.advance(Duration.ofMillis(500));
    assertThat(bucket.when("a")).hasMillis(1500);
    clock.advance(Duration.ofMillis(3500));
    assertThat(bucket.when("a")).isZero();
  }

  @Test
  void tryTakeTakesNothingWhileItTellsTheCallerToWait() {
    var bucket = TokenBucketRateLimiter.<String>oneEvery(Duration.ofSeconds(1), clock);

    assertThat(bucket.tryTake()).isZero();
    clock.advance(Duration.ofMillis(300));
    assertThat(bucket.tryTake()).hasMillis(700);
    assertThat(bucket.tryTake()).hasMillis(700); // asking again does not push the slot back
    clock.advance(Duration.ofMillis(700));
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).hasMillis(1000);
  }

  @Test
  void maxOfWaitsForTheSlowerLimiterAndForgetsInBoth() {
    var items =
        new ItemExponentialRateLimiter<String>(
            new ExponentialBackoff(Duration.ofMillis(5), Duration.ofSeconds(1)));
    RateLimiter<String> both = RateLimiter.maxOf(items, new TokenBucketRateLimiter<>(10, 1, clock));

    assertThat(both.when("a")).hasMillis(5); // a token was free; the item's 5 ms is longer
    assertThat(both.when("b")).hasMillis(100); // the bucket is empty: 100 ms beats b's 5 ms
    assertThat(both.retries("a")).isEqualTo(1);

    both.forget("a");

    assertThat(both.retries("a")).isZero();
    assertThat(items.tracked()).isEqualTo(1);
  }

  @Test
  void controllerDefaultIsLimitedPerKeyAndOverall() {
    RateLimiter<Integer> limiter = RateLimiter.controllerDefault(clock);
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.when(i)).hasMillis(5);
    }

    assertThat(limiter.when(100)).hasMillis(100); // burst of 100 spent; 10 per second after
  }
}
