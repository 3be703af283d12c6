package io.meshwarden.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The simulator's event log: append-only, safe to read while the simulator runs. */
public final class EventLog {

  private final SimClock clock;
  private final List<SimEvent> events = new ArrayList<>();

  EventLog(SimClock clock) {
    this.clock = clock;
  }

  void record(SimEvent.Type type, String namespace, String name, String detail) {
    SimEvent event =
        new SimEvent(
            clock.instant(),
            type,
            namespace == null ? "" : namespace,
            name,
            detail == null ? "" : detail);
    synchronized (events) {
      events.add(event);
    }
  }

  /** Every event so far, oldest first. */
  public List<SimEvent> all() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** Events of one type, oldest first. */
  public List<SimEvent> ofType(SimEvent.Type type) {
    return matching(e -> e.type() == type);
  }

  /** Events that match, oldest first. */
  public List<SimEvent> matching(Predicate<SimEvent> filter) {
    synchronized (events) {
      return events.stream().filter(filter).toList();
    }
  }

  /** How many events so far. */
  public int size() {
    synchronized (events) {
      return events.size();
    }
  }
}
