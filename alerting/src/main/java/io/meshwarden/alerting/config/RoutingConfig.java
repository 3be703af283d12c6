package io.meshwarden.alerting.config;

import io.meshwarden.alerting.routing.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The routing file: receivers and the route tree. Immutable and validated: every route names a
 * receiver that exists.
 *
 * @param maxValueChars the longest any single value may be in a message before it is cut
 */
public record RoutingConfig(Map<String, ReceiverConfig> receivers, Route route, int maxValueChars) {

  public RoutingConfig {
    receivers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(receivers));
    Objects.requireNonNull(route, "route");
  }

  /** The receiver named {@code name}; throws when there is none. */
  public ReceiverConfig receiver(String name) {
    ReceiverConfig r = receivers.get(name);
    if (r == null) {
      throw new IllegalArgumentException("no receiver named " + name);
    }
    return r;
  }

  /** The receivers in file order. */
  public List<ReceiverConfig> receiverList() {
    return List.copyOf(receivers.values());
  }
}
