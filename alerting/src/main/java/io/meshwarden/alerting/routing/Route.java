package io.meshwarden.alerting.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node of the route tree, settings already inherited from its parent.
 *
 * @param id the node's position, {@code 0} for the root and {@code 0.2.1} below it: part of each
 *     group's key, so groups of different routes never mix
 * @param receiver the receiver that gets this route's notifications
 * @param matchers all must match; the root has none
 * @param continueMatching whether siblings after this route are tried when it matches
 * @param group how this route groups and paces notifications
 * @param noticeOutcomes the remediation outcomes ({@code FAILED}, ...) this route notifies as
 *     action notices; a notice with another outcome that reaches this route is dropped here
 * @param routes child routes, tried in order
 */
public record Route(
    String id,
    String receiver,
    List<Matcher> matchers,
    boolean continueMatching,
    GroupSettings group,
    Set<String> noticeOutcomes,
    List<Route> routes) {

  /** Outcomes notified unless a route says otherwise: the ones that need a human. */
  public static final Set<String> DEFAULT_NOTICE_OUTCOMES = Set.of("FAILED", "HALTED", "SKIPPED");

  public Route {
    matchers = List.copyOf(matchers);
    noticeOutcomes = Set.copyOf(noticeOutcomes);
    routes = List.copyOf(routes);
  }

  /**
   * The routes that take an alert with these labels, as Alertmanager decides: the deepest matching
   * routes, depth first, trying later siblings only after a route with {@code continue}; a route
   * none of whose children match takes the alert itself.
   */
  public List<Route> match(Map<String, String> labels) {
    if (!matchers.stream().allMatch(m -> m.matches(labels))) {
      return List.of();
    }
    List<Route> out = new ArrayList<>();
    for (Route child : routes) {
      List<Route> taken = child.match(labels);
      if (!taken.isEmpty()) {
        out.addAll(taken);
        if (!child.continueMatching) {
          break;
        }
      }
    }
    if (out.isEmpty()) {
      out.add(this);
    }
    return out;
  }

  /** Whether this route notifies an action notice with {@code outcome}. */
  public boolean notifies(String outcome) {
    return noticeOutcomes.contains(outcome);
  }
}
