package io.meshwarden.alerting.delivery;

import io.meshwarden.alerting.receiver.HttpRequestSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Sends one HTTP request; a small interface so tests can stand in for the network. */
public interface HttpTransport {

  /** The parts of a response delivery cares about. */
  record Response(int status, Optional<String> retryAfter, String bodyStart) {}

  /**
   * Sends and waits at most {@code timeout}.
   *
   * @throws IOException on connection failures and timeouts
   */
  Response send(HttpRequestSpec request, Duration timeout) throws IOException, InterruptedException;
}
