package io.meshwarden.alerting.delivery;

import io.meshwarden.alerting.receiver.HttpRequestSpec;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The verdict on one HTTP attempt: delivered, worth retrying, or never going to work. */
sealed interface Attempt {

  /** 2xx. */
  record Delivered() implements Attempt {}

  /** 408, 429, 5xx, timeouts and connection failures. */
  record Retry(String error, Optional<Duration> retryAfter) implements Attempt {}

  /** Any other status: the request itself is wrong (bad URL, revoked key, malformed body). */
  record Permanent(String error) implements Attempt {}

  /** Sends {@code request} and classifies what happened; never throws but on interrupt. */
  static Attempt run(
      HttpTransport transport, HttpRequestSpec request, Duration timeout, Clock clock)
      throws InterruptedException {
    HttpTransport.Response r;
    try {
      r = transport.send(request, timeout);
    } catch (HttpTimeoutException e) {
      return new Retry("timed out after " + timeout.toMillis() + " ms", Optional.empty());
    } catch (IOException e) {
      return new Retry(e.getClass().getSimpleName() + ": " + e.getMessage(), Optional.empty());
    }
    int s = r.status();
    if (s >= 200 && s < 300) {
      return new Delivered();
    }
    String error = "HTTP " + s + (r.bodyStart().isBlank() ? "" : ": " + oneLine(r.bodyStart()));
    if (s == 408 || s == 429 || s >= 500) {
      return new Retry(error, r.retryAfter().flatMap(v -> Backoff.parseRetryAfter(v, clock)));
    }
    return new Permanent(error);
  }

  private static String oneLine(String s) {
    String t = s.replaceAll("\\s+", " ").strip();
    return t.length() > 200 ? t.substring(0, 200) : t;
  }
}
