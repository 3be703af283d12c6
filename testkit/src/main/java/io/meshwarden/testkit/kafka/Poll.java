package io.meshwarden.testkit.kafka;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition with a deadline; the test kit's own small alternative to Awaitility. */
final class Poll {

  private Poll() {}

  /**
   * Checks {@code condition} every 20 ms until it holds or {@code timeout} passes. An exception
   * from the condition counts as "not yet" and is reported if time runs out.
   */
  static void until(Duration timeout, String what, Callable<Boolean> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (true) {
      try {
        if (Boolean.TRUE.equals(condition.call())) {
          return;
        }
        last = null;
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "Timed out after " + timeout + " waiting for " + what, last);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + what, e);
      }
    }
  }
}
