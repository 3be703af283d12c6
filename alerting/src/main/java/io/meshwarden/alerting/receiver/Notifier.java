package io.meshwarden.alerting.receiver;

import io.meshwarden.alerting.grouping.Notification;
import java.time.Instant;
import java.util.List;

/** Turns a notification into the HTTP requests one receiver type understands. */
public interface Notifier {

  /** How many targets every notification goes to (each is delivered and retried on its own). */
  int targets();

  /**
   * The request for one target, rendered at {@code now} (signatures carry the time, so a retry is
   * rendered again).
   */
  HttpRequestSpec render(Notification notification, int target, Instant now);

  /** All targets' requests. */
  default List<HttpRequestSpec> renderAll(Notification notification, Instant now) {
    return java.util.stream.IntStream.range(0, targets())
        .mapToObj(t -> render(notification, t, now))
        .toList();
  }
}
