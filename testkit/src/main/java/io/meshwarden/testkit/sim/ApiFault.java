package io.meshwarden.testkit.sim;

import java.time.Instant;
import java.util.Set;

/**
 * An API error answered to matching requests during a window of simulated time.
 *
 * @param status 409, 429, 500, ...
 * @param verbs {@code get list watch create update patch delete}
 * @param resource a plural ({@code pods}) or {@code *}
 * @param from start, inclusive
 * @param until end, exclusive
 * @param alsoSimulator whether the simulator's own controllers get it too
 */
public record ApiFault(
    int status,
    Set<String> verbs,
    String resource,
    Instant from,
    Instant until,
    boolean alsoSimulator) {

  boolean applies(String verb, String plural, boolean fromSimulator, Instant now) {
    return (alsoSimulator || !fromSimulator)
        && verbs.contains(verb)
        && ("*".equals(resource) || resource.equals(plural))
        && !now.isBefore(from)
        && now.isBefore(until);
  }
}
