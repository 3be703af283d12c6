package io.meshwarden.testkit.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Faults the simulator injects, each for a window of simulated time starting now: the injector down
 * or slow, API errors on chosen verbs and resources, and dropped watch connections. Every fault is
 * logged as {@code FAULT_STARTED} and, when its window closes, {@code FAULT_ENDED}.
 */
public final class Faults {

  private final SimClock clock;
  private final EventLog events;
  private final List<Window> injectorDown = new ArrayList<>();
  private final List<SlowWindow> injectorSlow = new ArrayList<>();
  private final List<ApiFault> apiFaults = new ArrayList<>();
  private final List<Object> open = new ArrayList<>();
  private WatchTracker watches;

  Faults(SimClock clock, EventLog events) {
    this.clock = clock;
    this.events = events;
  }

  void attach(WatchTracker watches) {
    this.watches = watches;
  }

  private record Window(Instant from, Instant until) {
    boolean covers(Instant t) {
      return !t.isBefore(from) && t.isBefore(until);
    }
  }

  private record SlowWindow(Window window, Duration delay) {}

  /** The injector answers no webhook call for {@code window}: its failurePolicy decides. */
  public synchronized Faults injectorDown(Duration window) {
    Window w = window(window);
    injectorDown.add(w);
    started("injector-down", w, "");
    return this;
  }

  /** Each webhook call takes {@code delay} for {@code window}; past its timeout it fails. */
  public synchronized Faults injectorSlow(Duration delay, Duration window) {
    Window w = window(window);
    injectorSlow.add(new SlowWindow(w, delay));
    started("injector-slow", w, "delay " + delay);
    return this;
  }

  /**
   * The API answers {@code status} to the given verbs ({@code get list watch create update patch
   * delete}) on {@code resource} (a plural such as {@code pods}, or {@code *}) for {@code window};
   * a 429 carries {@code Retry-After: 1}. The simulator's own controllers are spared unless {@code
   * alsoSimulator}.
   */
  public synchronized Faults apiError(
      int status, Set<String> verbs, String resource, Duration window, boolean alsoSimulator) {
    Window w = window(window);
    apiFaults.add(new ApiFault(status, verbs, resource, w.from(), w.until(), alsoSimulator));
    started("api-" + status, w, verbs + " " + resource);
    return this;
  }

  /** Closes every open watch connection now; clients reconnect and get every object replayed. */
  public Faults dropWatches() {
    int dropped = watches == null ? 0 : watches.dropAll();
    events.record(SimEvent.Type.FAULT_STARTED, "", "watch-drop", dropped + " connections");
    return this;
  }

  synchronized boolean injectorDown() {
    Instant now = clock.instant();
    return injectorDown.stream().anyMatch(w -> w.covers(now));
  }

  synchronized Duration injectorDelay() {
    Instant now = clock.instant();
    return injectorSlow.stream()
        .filter(s -> s.window().covers(now))
        .map(SlowWindow::delay)
        .max(Duration::compareTo)
        .orElse(Duration.ZERO);
  }

  /** The API fault that answers this request now, if any. */
  synchronized ApiFault apiFault(String verb, String resource, boolean fromSimulator) {
    Instant now = clock.instant();
    for (ApiFault fault : apiFaults) {
      if (fault.applies(verb, resource, fromSimulator, now)) {
        return fault;
      }
    }
    return null;
  }

  /** Logs the end of windows that have closed; called on each simulator step. */
  synchronized void expire() {
    Instant now = clock.instant();
    open.removeIf(
        o -> {
          Opened opened = (Opened) o;
          if (!now.isBefore(opened.until())) {
            events.record(SimEvent.Type.FAULT_ENDED, "", opened.name(), "");
            return true;
          }
          return false;
        });
  }

  private record Opened(String name, Instant until) {}

  private Window window(Duration length) {
    Instant now = clock.instant();
    return new Window(now, now.plus(length));
  }

  private void started(String name, Window w, String detail) {
    open.add(new Opened(name, w.until()));
    events.record(
        SimEvent.Type.FAULT_STARTED,
        "",
        name,
        (detail.isEmpty() ? "" : detail + " ") + "until " + w.until());
  }
}
